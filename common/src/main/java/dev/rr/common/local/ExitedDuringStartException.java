package dev.rr.common.local;

/**
 * A local server exited while starting, typically because another process took its port between
 * choosing the port and binding it; starting again on a fresh port may work.
 */
final class ExitedDuringStartException extends LocalServiceException {

  private static final long serialVersionUID = 1L;

  ExitedDuringStartException(String message) {
    super(message);
  }

  ExitedDuringStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
