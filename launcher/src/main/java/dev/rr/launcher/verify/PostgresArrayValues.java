package dev.rr.launcher.verify;

import com.google.gson.JsonArray;
import dev.rr.common.schema.SourceType;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One form for a PostgreSQL array whether it is the writer's (elements in their text input form)
 * or the server's ({@code {1.50,NULL,"a b"}}, read as text): a JSON array of each element's
 * canonical form, nulls as JSON null. An element takes one form per element type (numbers without
 * trailing zeros, {@code t} and {@code true} alike, timestamps parsed, JSON with sorted keys), so
 * that only a difference in data shows.
 */
final class PostgresArrayValues {
  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();
  /** The server prints a timestamptz at the session's zone: {@code +00}, {@code +05:30}. */
  private static final DateTimeFormatter ZONED = new DateTimeFormatterBuilder()
      .append(LOCAL).appendOffset("+HH:mm:ss", "+00").toFormatter();

  private PostgresArrayValues() {}

  /** The canonical form of an array of {@code elementType} given as element texts. */
  static String canonical(List<String> elements, SourceType elementType) {
    JsonArray array = new JsonArray(elements.size());
    for (String element : elements) {
      array.add(element == null ? null : element(element, elementType));
    }
    return array.toString();
  }

  /**
   * The canonical form of an array the server printed; a text that is not a one-dimensional
   * array literal stays as it is (it can only equal itself).
   */
  static String canonical(String printed, SourceType elementType) {
    return parse(printed).map(elements -> canonical(elements, elementType)).orElse(printed);
  }

  /** The elements of a one-dimensional array literal as the server prints it, or empty. */
  static Optional<List<String>> parse(String text) {
    if (!text.startsWith("{") || !text.endsWith("}")) {
      return Optional.empty();
    }
    String body = text.substring(1, text.length() - 1);
    List<String> elements = new ArrayList<>();
    int i = 0;
    while (i < body.length()) {
      if (body.charAt(i) == '"') {
        StringBuilder element = new StringBuilder();
        i++;
        for (; i < body.length() && body.charAt(i) != '"'; i++) {
          // A backslash escapes the next character (a quote or a backslash).
          i += body.charAt(i) == '\\' ? 1 : 0;
          if (i < body.length()) {
            element.append(body.charAt(i));
          }
        }
        if (i++ >= body.length()) {
          return Optional.empty();
        }
        elements.add(element.toString());
      } else {
        int end = body.indexOf(',', i);
        String element = body.substring(i, end < 0 ? body.length() : end);
        if (element.indexOf('{') >= 0 || element.indexOf('"') >= 0) {
          return Optional.empty();
        }
        elements.add(element.equalsIgnoreCase("NULL") ? null : element);
        i += element.length();
      }
      if (i < body.length() && body.charAt(i++) != ',') {
        return Optional.empty();
      }
    }
    return Optional.of(elements);
  }

  /** One element's canonical form; text that does not parse as its type stays as it is. */
  static String element(String text, SourceType type) {
    try {
      return switch (type.name()) {
        case "smallint", "integer", "bigint", "numeric" -> CanonicalForms.number(text);
        case "real" -> Float.toString(Float.parseFloat(text));
        case "double precision" -> Double.toString(Double.parseDouble(text));
        case "boolean" -> Boolean.toString(text.equals("t") || text.equals("true"));
        case "json", "jsonb" -> CanonicalForms.json(text);
        // character(n) pads with blanks, which PostgreSQL ignores in comparisons.
        case "character" -> text.replaceAll(" +$", "");
        case "timestamp without time zone" ->
            LocalDateTime.parse(text, LOCAL).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        case "timestamp with time zone" -> OffsetDateTime.parse(text, ZONED).toInstant().toString();
        case "time without time zone" -> LocalTime.parse(text).toString();
        default -> text;
      };
    } catch (RuntimeException e) {
      return text;
    }
  }
}
