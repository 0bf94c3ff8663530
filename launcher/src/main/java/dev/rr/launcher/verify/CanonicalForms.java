package dev.rr.launcher.verify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.rr.common.mysql.SourceFamily;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One spelling for each value a MySQL column family stores in several: the rules {@link
 * CanonicalValues} applies to both sides. Text that does not parse stays as it is, so it can only
 * compare equal to the same text.
 */
final class CanonicalForms {
  /** {@code [-][D ]h:mm[:ss[.f]]}: the TIME text the writer sends and the server returns. */
  private static final Pattern TIME =
      Pattern.compile("(-)?(?:(\\d+) )?(\\d+):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?");

  private CanonicalForms() {}

  /** A decimal number without trailing zeros ({@code 1.50} -> {@code 1.5}, {@code 0.0} -> 0). */
  static String number(String value) {
    try {
      BigDecimal number = new BigDecimal(value.trim()).stripTrailingZeros();
      return number.signum() == 0 ? "0" : number.toPlainString();
    } catch (NumberFormatException e) {
      return value;
    }
  }

  /** JSON re-serialized with object keys sorted, so formatting and key order do not matter. */
  static String json(String value) {
    try {
      return sorted(JsonParser.parseString(value)).toString();
    } catch (RuntimeException e) {
      return value;
    }
  }

  /** SET members sorted and without repeats: the server stores a set, in its definition order. */
  static String set(String value) {
    if (value.isEmpty()) {
      return value;
    }
    return String.join(",", new TreeSet<>(Arrays.asList(value.split(",", -1))));
  }

  /** A TIME as {@code [-]hh:mm:ss[.f]}: days folded into hours, fraction without trailing zeros. */
  static String time(String value) {
    Matcher m = TIME.matcher(value.trim());
    if (!m.matches()) {
      return value;
    }
    long hours = Long.parseLong(m.group(3)) + (m.group(2) == null ? 0 : 24 * Long.parseLong(m.group(2)));
    String fraction = m.group(6) == null ? "" : m.group(6).replaceAll("0+$", "");
    String text = String.format(Locale.ROOT, "%02d:%02d:%02d", hours, Integer.parseInt(m.group(4)),
        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
    boolean zero = text.equals("00:00:00") && fraction.isEmpty();
    return (m.group(1) != null && !zero ? "-" : "") + text + (fraction.isEmpty() ? "" : "." + fraction);
  }

  /**
   * Text as the column keeps it: a {@code char} loses trailing spaces when read; a number or a
   * timestamp written as text compares by value, since the change stream and the Spanner client
   * spell them differently ({@code 1E+308} and {@code 1.0E308}, {@code .5Z} and {@code .500Z}).
   */
  static String text(String value, SourceType type, SpannerType spannerType) {
    String name = SourceFamily.baseName(type);
    String text = name.equals("char") || name.equals("nchar") ? value.replaceAll(" +$", "") : value;
    if (spannerType.array()) {
      return text;
    }
    return switch (spannerType.name().toUpperCase(Locale.ROOT)) {
      case "INT64", "NUMERIC", "PG_NUMERIC" -> number(text);
      case "FLOAT64" -> floating(text, false);
      case "FLOAT32" -> floating(text, true);
      case "TIMESTAMP" -> instant(text);
      case "JSON", "PG_JSONB" -> json(text);
      default -> text;
    };
  }

  private static String floating(String text, boolean single) {
    try {
      double value = Double.parseDouble(text.trim());
      return single ? Float.toString((float) value) : Double.toString(value);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static String instant(String text) {
    try {
      return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toString();
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  private static JsonElement sorted(JsonElement element) {
    if (element.isJsonObject()) {
      Map<String, JsonElement> byKey = new TreeMap<>();
      element.getAsJsonObject().entrySet().forEach(e -> byKey.put(e.getKey(), sorted(e.getValue())));
      JsonObject result = new JsonObject();
      byKey.forEach(result::add);
      return result;
    }
    if (element.isJsonArray()) {
      JsonArray result = new JsonArray();
      element.getAsJsonArray().forEach(e -> result.add(sorted(e)));
      return result;
    }
    if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
      return new JsonPrimitive(new BigDecimal(element.getAsString()).stripTrailingZeros());
    }
    return element;
  }
}
