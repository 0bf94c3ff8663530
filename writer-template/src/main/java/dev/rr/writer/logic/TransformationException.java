package dev.rr.writer.logic;

/** The custom transformation failed on a record; retrying cannot help, the shard stops. */
public class TransformationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransformationException(String message, Throwable cause) {
    super(message, cause);
  }
}
