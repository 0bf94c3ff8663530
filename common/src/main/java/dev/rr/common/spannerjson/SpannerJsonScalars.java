package dev.rr.common.spannerjson;

import com.google.gson.JsonElement;
import java.time.Instant;
import java.time.OffsetDateTime;
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

  /** A TIMESTAMP: RFC 3339 with up to nanoseconds and a zone offset (normally Z). */
  public static Instant timestamp(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }
}
