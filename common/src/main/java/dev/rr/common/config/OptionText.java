package dev.rr.common.config;

import com.google.cloud.Timestamp;
import java.util.regex.Pattern;

/**
 * Parsing of the option text the reader's and the writer's config builders share: each method
 * reports a problem naming the option and what is accepted, and returns null for an invalid value.
 */
final class OptionText {
  static final Pattern RUN_IDENTIFIER = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  static final Pattern EMULATOR_HOST = Pattern.compile("[^:/\\s]+:[0-9]{1,5}");
  static final Pattern SPANNER_HOST = Pattern.compile("https?://\\S+");

  private OptionText() {}

  /** {@code value} trimmed; a problem when it is absent or blank. */
  static String required(ConfigProblems problems, String option, String value) {
    if (value == null || value.isBlank()) {
      problems.add(option + " is required" + (value == null ? "" : " but was blank"));
      return null;
    }
    return value.trim();
  }

  /** {@code value} when {@code pattern} matches all of it, else a problem naming {@code accepted}. */
  static String matching(
      ConfigProblems problems, String option, String value, Pattern pattern, String accepted) {
    if (value == null || !pattern.matcher(value).matches()) {
      problems.add(option + " '" + value + "' is not valid: use " + accepted);
      return null;
    }
    return value;
  }

  /** An RFC 3339 timestamp. */
  static Timestamp timestamp(ConfigProblems problems, String option, String value) {
    try {
      return Timestamp.parseTimestamp(value);
    } catch (RuntimeException e) {
      problems.add(
          option + " '" + value + "' is not an RFC 3339 timestamp such as 2024-01-31T12:00:00Z");
      return null;
    }
  }

  /** A flag: absent (false), {@code true} or {@code false}, in any case. */
  static boolean flag(ConfigProblems problems, String option, String value) {
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    problems.add(option + " must be one of true, false but was '" + value + "'");
    return false;
  }

  /** A run identifier given as {@code runIdentifier}. */
  static String runIdentifier(ConfigProblems problems, String value) {
    return matching(problems, "runIdentifier", value, RUN_IDENTIFIER,
        "1 to 128 letters, digits, '_', '-' or '.'");
  }

  /** {@code spannerHost}: absent (null) or an http(s) URL. */
  static String spannerHost(ConfigProblems problems, String value) {
    return value == null ? null : matching(problems, "spannerHost", value, SPANNER_HOST,
        "a URL such as https://spanner.googleapis.com");
  }

  /** {@code spannerEmulatorHost}: absent (null) or host:port. */
  static String spannerEmulatorHost(ConfigProblems problems, String value) {
    return value == null ? null : matching(problems, "spannerEmulatorHost", value, EMULATOR_HOST,
        "host:port, e.g. localhost:9010");
  }
}
