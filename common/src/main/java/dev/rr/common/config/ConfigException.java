package dev.rr.common.config;

import java.util.List;

/**
 * Invalid configuration: one or more problems, each naming the option, the offending value and
 * what would be accepted. Thrown once with every problem found, so an operator fixes them all in
 * one go.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** A failure with all {@code problems} (at least one). */
  public ConfigException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** A failure with one problem. */
  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** The problems, in the order they were found. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems == null || problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    if (problems.size() == 1) {
      return "Invalid configuration: " + problems.get(0);
    }
    StringBuilder message =
        new StringBuilder("Invalid configuration (").append(problems.size()).append(" problems):");
    for (String problem : problems) {
      message.append(System.lineSeparator()).append("  - ").append(problem);
    }
    return message.toString();
  }
}
