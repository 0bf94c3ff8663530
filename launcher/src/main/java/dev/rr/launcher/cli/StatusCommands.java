package dev.rr.launcher.cli;

/** Runs the commands that read or change a run's metadata (status, cutover, reprocess, drop). */
final class StatusCommands {
  private StatusCommands() {}

  static int status(StatusCommand command) {
    throw new UnsupportedOperationException("status is not wired yet");
  }

  static int cutover(CutoverCommand command) {
    throw new UnsupportedOperationException("cutover is not wired yet");
  }

  static int reprocess(ReprocessCommand command) {
    throw new UnsupportedOperationException("reprocess is not wired yet");
  }

  static int drop(DropCommand command) {
    throw new UnsupportedOperationException("drop is not wired yet");
  }
}
