package dev.rr.writer.snapshot;

/** A snapshot that must not start (or resume) as asked; the message says why and what to do. */
public final class SnapshotRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SnapshotRefusedException(String message) {
    super(message);
  }

  public SnapshotRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
