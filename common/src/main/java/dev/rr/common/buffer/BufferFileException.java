package dev.rr.common.buffer;

/**
 * Reading or writing a buffer file failed; the message names the file (and the line, when
 * reading) and the cause is kept.
 */
public class BufferFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BufferFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
