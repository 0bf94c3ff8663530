package dev.rr.common.buffer;

/**
 * A buffer line that does not follow the buffer file format; the message names the field and
 * the offending value.
 */
public class BufferFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BufferFormatException(String message) {
    super(message);
  }

  public BufferFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
