package dev.rr.common.metadata;

/** A metadata-database operation failed for good; the message names database and tables. */
public class MetadataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
