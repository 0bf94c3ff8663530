package dev.rr.common.input;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * An input file (shards file, session file) is unreadable or invalid. It names the file and lists
 * every problem found, each with its JSON path and the offending value, so that an operator can
 * fix the whole file in one go. Secrets never appear in it.
 */
public final class InputFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final List<Problem> problems;

  public InputFileException(String file, List<Problem> problems) {
    this(file, problems, null);
  }

  public InputFileException(String file, List<Problem> problems, Throwable cause) {
    super(message(file, problems), cause);
    this.file = Objects.requireNonNull(file, "file");
    this.problems = List.copyOf(problems);
    if (this.problems.isEmpty()) {
      throw new IllegalArgumentException("an InputFileException needs at least one problem");
    }
  }

  /** The file as the caller named it (local path or {@code gs://} URI). */
  public String file() {
    return file;
  }

  /** Every problem found, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(String file, List<Problem> problems) {
    if (problems.size() == 1) {
      return file + ": " + problems.get(0);
    }
    StringBuilder text = new StringBuilder(file).append(": ").append(problems.size()).append(
        " problems");
    for (Problem problem : problems) {
      text.append(System.lineSeparator()).append("  ").append(problem);
    }
    return text.toString();
  }

  /**
   * One problem in an input file.
   *
   * @param jsonPath where it is, e.g. {@code $[2].port} or {@code $.SpSchema.t1.ColDefs.c5.T.Name}
   * @param value the offending value as JSON text, {@code <missing>} when absent, or
   *     {@code <redacted>} for secrets
   * @param message what is wrong, phrased as the rule that was broken
   */
  public record Problem(String jsonPath, String value, String message) implements Serializable {
    /** Shown instead of the value of an absent field. */
    public static final String MISSING = "<missing>";

    /** Shown instead of a secret value. */
    public static final String REDACTED = "<redacted>";

    public Problem {
      Objects.requireNonNull(jsonPath, "jsonPath");
      Objects.requireNonNull(message, "message");
      value = value == null ? MISSING : value;
    }

    @Override
    public String toString() {
      return jsonPath + ": " + message + ", got " + value;
    }
  }
}
