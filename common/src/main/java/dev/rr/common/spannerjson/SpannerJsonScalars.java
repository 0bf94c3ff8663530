package dev.rr.common.spannerjson;

import com.google.gson.JsonElement;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The change stream's spelling of scalar values, read the same way wherever change-stream JSON is
 * turned into values: by {@code routing.SpannerJsonValues} (typed Java values for routing and
 * transformations) and by the MySQL value converter. Failures are {@link RuntimeException}s
 * ({@link java.time.DateTimeException} for timestamps) whose message is the reason; callers add
 * the table, column and value.
 */
public final class SpannerJsonScalars {
  private SpannerJsonScalars() {}

  /**
   * The value's text: a JSON string's content, a number's or boolean's literal, else the JSON
   * itself (a JSON column arrives as a string holding its JSON text).
   */
  public static String text(JsonElement value) {
    if (value.isJsonPrimitive()) {
      return value.getAsString();
    }
    return value.toString();
  }

  /**
   * A TIMESTAMP: RFC 3339 with up to nanoseconds and a zone offset (normally Z). The change
   * stream's own form ({@code 2024-01-01T12:34:56.123456789Z}) is read directly; any other text
   * goes through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which also names what is wrong.
   */
  public static Instant timestamp(String text) {
    Instant direct = utcTimestamp(text);
    return direct != null
        ? direct
        : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /**
   * {@code uuuu-MM-ddTHH:mm:ss[.f...]Z} with one to nine fractional digits and valid fields, or
   * null for anything else (the formatter then decides).
   */
  private static Instant utcTimestamp(String text) {
    int length = text.length();
    if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
    if ((year | month | day | hour | minute | second | fraction) < 0) {
      return null;
    }
    int nanos = fraction;
    for (int i = length - 1 - 20; length > 20 && i < 9; i++) {
      nanos *= 10;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
