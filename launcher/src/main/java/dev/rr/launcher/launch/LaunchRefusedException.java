package dev.rr.launcher.launch;

import java.util.List;

/**
 * A launch refused before anything was created, checked against a service or started: its
 * options or input files are invalid. {@code rr launch} prints every problem and exits 2.
 */
public final class LaunchRefusedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public LaunchRefusedException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    return "invalid launch (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "), nothing was created or started:\n  " + String.join("\n  ", problems);
  }
}
