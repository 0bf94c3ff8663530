package dev.rr.launcher.cli;

/** Runs {@code rr verify}. */
final class VerifyCommands {
  private VerifyCommands() {}

  static int verify(VerifyCommand command) {
    throw new UnsupportedOperationException("verify is not wired yet");
  }
}
