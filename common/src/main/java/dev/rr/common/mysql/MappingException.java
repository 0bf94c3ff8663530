package dev.rr.common.mysql;

/**
 * A change record cannot be mapped to a source row (for example, a source primary-key column has
 * no value in the record). Permanent: retrying the same record fails the same way.
 */
public class MappingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MappingException(String message) {
    super(message);
  }

  public MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
