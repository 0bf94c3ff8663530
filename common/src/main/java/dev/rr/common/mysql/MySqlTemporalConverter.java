package dev.rr.common.mysql;

import static dev.rr.common.spannerjson.SpannerJsonScalars.text;

import com.google.gson.JsonElement;
import dev.rr.common.schema.SourceType;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Conversions to MySQL date, time, year, datetime and timestamp columns. Spanner TIMESTAMPs are
 * instants; MySQL columns hold local values, read at the source time zone offset.
 */
final class MySqlTemporalConverter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** MySQL TIME text: optional sign and days, hours up to 838, optional fraction. */
  private static final Pattern TIME_TEXT =
      Pattern.compile("-?(\\d{1,2} )?\\d{1,3}:[0-5]\\d(:[0-5]\\d(\\.\\d{1,6})?)?");

  /** The TIMESTAMP column range: 1970-01-01 00:00:01 to 2038-01-19 03:14:07.999999 UTC. */
  private static final Instant TIMESTAMP_MIN = Instant.parse("1970-01-01T00:00:01Z");

  private static final Instant TIMESTAMP_MAX = Instant.parse("2038-01-19T03:14:07.999999Z");

  private static final int YEAR_MIN = 1901;
  private static final int YEAR_MAX = 2155;
  private static final int MAX_FRACTION_DIGITS = 6;

  private final ZoneOffset sourceTimezone;

  MySqlTemporalConverter(ZoneOffset sourceTimezone) {
    this.sourceTimezone = sourceTimezone;
  }

  LocalDate toDate(String base, JsonElement value) {
    return switch (base) {
      case "DATE", "STRING" -> SpannerJsonCoercions.date(value);
      case "TIMESTAMP" -> localAtSource(SpannerJsonCoercions.timestamp(value)).toLocalDate();
      default -> throw notTemporal(base, "date");
    };
  }

  /**
   * TIME text is passed through (after validation, its fraction cut to {@code digits}): MySQL
   * TIME spans -838:59:59 to 838:59:59.
   */
  Object toTime(String base, JsonElement value, int digits) {
    return switch (base) {
      case "STRING" -> {
        String time = text(value).trim();
        if (!TIME_TEXT.matcher(time).matches()) {
          throw new IllegalArgumentException("not a MySQL TIME value ([-][D ]hhh:mm[:ss[.ffffff]])");
        }
        yield truncateTimeText(time, digits);
      }
      case "TIMESTAMP" -> {
        LocalTime time = localAtSource(SpannerJsonCoercions.timestamp(value)).toLocalTime();
        yield time.withNano(truncateNanos(time.getNano(), digits));
      }
      default -> throw notTemporal(base, "time");
    };
  }

  Long toYear(String base, JsonElement value) {
    long year =
        switch (base) {
          case "DATE" -> SpannerJsonCoercions.date(value).getYear();
          case "TIMESTAMP" -> localAtSource(SpannerJsonCoercions.timestamp(value)).getYear();
          case "INT64", "NUMERIC", "STRING" -> yearNumber(base, value);
          default -> throw notTemporal(base, "year");
        };
    if (year != 0 && (year < YEAR_MIN || year > YEAR_MAX)) {
      throw new IllegalArgumentException(
          "out of range: a YEAR holds 0 or " + YEAR_MIN + " to " + YEAR_MAX);
    }
    return year;
  }

  /**
   * A local date-time for a DATETIME or TIMESTAMP column, truncated to the column's {@code digits}
   * fractional digits, never rounded into the next second.
   */
  LocalDateTime toDateTime(
      String base, SourceType type, JsonElement value, int digits, boolean timestamp) {
    LocalDateTime local =
        switch (base) {
          case "TIMESTAMP" -> localAtSource(SpannerJsonCoercions.timestamp(value));
          case "DATE" -> SpannerJsonCoercions.date(value).atStartOfDay();
          case "STRING" -> parseDateTimeText(text(value).trim());
          default -> throw notTemporal(base, type.name());
        };
    local = local.withNano(truncateNanos(local.getNano(), digits));
    if (timestamp) {
      Instant instant = local.toInstant(sourceTimezone);
      if (instant.isBefore(TIMESTAMP_MIN) || instant.isAfter(TIMESTAMP_MAX)) {
        throw new IllegalArgumentException(
            "out of range: a MySQL TIMESTAMP holds "
                + TIMESTAMP_MIN
                + " to "
                + TIMESTAMP_MAX
                + " (UTC)");
      }
    }
    return local;
  }

  private LocalDateTime localAtSource(Instant instant) {
    return LocalDateTime.ofInstant(instant, sourceTimezone);
  }

  /** Text with a zone offset is an instant; without one it is already local to the source. */
  private LocalDateTime parseDateTimeText(String text) {
    try {
      return localAtSource(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException withoutOffset) {
      return LocalDateTime.parse(text.replace(' ', 'T'));
    }
  }

  /**
   * The fractional digits a mapped type declares ({@code datetime(3)}: 3), else six: a type
   * without a modifier in a session file says nothing (the migration tool writes none even for
   * {@code datetime(6)}).
   */
  static int declaredDigits(SourceType type) {
    if (!type.mods().isEmpty()) {
      long digits = type.mods().get(0);
      if (digits >= 0 && digits <= MAX_FRACTION_DIGITS) {
        return (int) digits;
      }
    }
    return MAX_FRACTION_DIGITS;
  }

  private static int truncateNanos(int nanos, int digits) {
    int unit = BigInteger.TEN.pow(9 - Math.min(digits, MAX_FRACTION_DIGITS)).intValueExact();
    return nanos / unit * unit;
  }

  /** {@code 12:00:00.987654} with 2 digits: {@code 12:00:00.98}; with 0: {@code 12:00:00}. */
  private static String truncateTimeText(String time, int digits) {
    int dot = time.indexOf('.');
    if (dot < 0) {
      return time;
    }
    int keep = Math.min(time.length() - dot - 1, Math.min(digits, MAX_FRACTION_DIGITS));
    return keep == 0 ? time.substring(0, dot) : time.substring(0, dot + 1 + keep);
  }

  private static long yearNumber(String base, JsonElement value) {
    return SpannerJsonCoercions.integer(base, value).longValueExact();
  }

  private static IllegalArgumentException notTemporal(String base, String target) {
    return new IllegalArgumentException("a " + base + " value cannot be written to a " + target);
  }
}
