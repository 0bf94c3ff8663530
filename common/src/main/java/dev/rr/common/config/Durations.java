package dev.rr.common.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them in options: a positive whole number followed by a unit,
 * {@code ms}, {@code s}, {@code m} or {@code h} (e.g. {@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 1h}).
 */
public final class Durations {
  /** What is accepted, for error messages. */
  public static final String ACCEPTED_FORMS =
      "a positive whole number followed by ms, s, m or h (e.g. 500ms, 10s, 5m, 1h)";

  private static final Pattern FORM = Pattern.compile("([0-9]+)(ms|s|m|h)");
  private static final long MILLIS_PER_SECOND = 1_000;
  private static final long MILLIS_PER_MINUTE = 60 * MILLIS_PER_SECOND;
  private static final long MILLIS_PER_HOUR = 60 * MILLIS_PER_MINUTE;

  private Durations() {}

  /**
   * Parses {@code value} (e.g. {@code 10s}).
   *
   * @throws ConfigException naming the value and the accepted forms
   */
  public static Duration parse(String value) {
    return parse("duration", value);
  }

  /**
   * Parses the value of option {@code option} (e.g. {@code windowDuration=10s}).
   *
   * @throws ConfigException naming the option, the value and the accepted forms
   */
  public static Duration parse(String option, String value) {
    Matcher matcher = value == null ? null : FORM.matcher(value);
    if (matcher == null || !matcher.matches()) {
      throw invalid(option, value, ACCEPTED_FORMS);
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      throw invalid(option, value, "the number is too large");
    }
    if (amount <= 0) {
      throw invalid(option, value, ACCEPTED_FORMS);
    }
    try {
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> throw new IllegalStateException("unit not covered: " + matcher.group(2));
      };
    } catch (ArithmeticException e) {
      throw invalid(option, value, "the duration is too large");
    }
  }

  /**
   * The shortest form {@link #parse} reads back as {@code duration}: the largest unit that
   * divides it exactly ({@code 90s} -> {@code 90s}, {@code 120s} -> {@code 2m}).
   *
   * @throws IllegalArgumentException for durations that are not positive or not whole
   *     milliseconds, which have no such form
   */
  public static String format(Duration duration) {
    if (duration.isNegative() || duration.isZero() || duration.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "duration " + duration + " is not a positive whole number of milliseconds");
    }
    long millis = duration.toMillis();
    if (millis % MILLIS_PER_HOUR == 0) {
      return millis / MILLIS_PER_HOUR + "h";
    }
    if (millis % MILLIS_PER_MINUTE == 0) {
      return millis / MILLIS_PER_MINUTE + "m";
    }
    if (millis % MILLIS_PER_SECOND == 0) {
      return millis / MILLIS_PER_SECOND + "s";
    }
    return millis + "ms";
  }

  private static ConfigException invalid(String option, String value, String why) {
    String shown = value == null ? "nothing" : "'" + value + "'";
    return new ConfigException(option + " " + shown + " is not a valid duration: " + why);
  }
}
