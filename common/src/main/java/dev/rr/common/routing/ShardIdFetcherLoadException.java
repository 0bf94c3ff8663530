package dev.rr.common.routing;

/** A custom {@link ShardIdFetcher} cannot be loaded; the message names the jar and class. */
public final class ShardIdFetcherLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ShardIdFetcherLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
