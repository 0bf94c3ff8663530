package dev.rr.common.local;

/** A local service (Spanner emulator, private MariaDB server) could not be found, started or used. */
public class LocalServiceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LocalServiceException(String message) {
    super(message);
  }

  public LocalServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
