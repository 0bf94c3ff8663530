package dev.rr.launcher.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Whether a person watches the output: progress lines, carriage returns and screen clearing go
 * to a terminal only, so a script or a log file receives just the results.
 */
final class Terminal {
  private Terminal() {}

  /** True when standard input and output are a terminal. */
  static boolean isInteractive() {
    return System.console() != null;
  }

  /** {@code writer} on a terminal, else a writer that drops everything. */
  static PrintWriter progress(PrintWriter writer) {
    return isInteractive() ? writer : new PrintWriter(Writer.nullWriter());
  }
}
