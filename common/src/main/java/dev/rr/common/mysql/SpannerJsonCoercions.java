package dev.rr.common.mysql;

import static dev.rr.common.spannerjson.SpannerJsonScalars.text;

import com.google.gson.JsonElement;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.spannerjson.SpannerJsonScalars;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one change-stream JSON value as the Java value a MySQL column needs, given its Spanner base
 * type: leniently across types (a BOOL as 0/1, a STRING holding a number), unlike the strict typed
 * reading of {@link dev.rr.common.routing.SpannerJsonValues}; the change stream's spelling of
 * values is read by {@link SpannerJsonScalars}. Failures are {@link IllegalArgumentException}s (or
 * {@link java.time.DateTimeException}s) whose message is the reason; the converter adds context.
 */
public final class SpannerJsonCoercions {

  private SpannerJsonCoercions() {}

  /** Base type names by Spanner type name; the converter asks for one per value written. */
  private static final Map<String, String> BASE_TYPES = new ConcurrentHashMap<>();

  /** The Spanner base type name, with the PostgreSQL-dialect aliases folded in. */
  public static String baseType(SpannerType type) {
    String base = BASE_TYPES.get(type.name());
    if (base == null) {
      // Not computeIfAbsent: an unsupported name fails each time with its own message.
      base = foldBaseType(type);
      BASE_TYPES.put(type.name(), base);
    }
    return base;
  }

  private static String foldBaseType(SpannerType type) {
    String name = type.name().toUpperCase(Locale.ROOT);
    return switch (name) {
      case "PG_NUMERIC" -> "NUMERIC";
      case "PG_JSONB" -> "JSON";
      case "BOOL", "INT64", "FLOAT32", "FLOAT64", "NUMERIC", "STRING", "JSON", "BYTES", "DATE",
          "TIMESTAMP" -> name;
      default -> throw new IllegalArgumentException("unsupported Spanner type " + type);
    };
  }

  public static boolean isNumeric(String base) {
    return switch (base) {
      case "INT64", "NUMERIC", "FLOAT32", "FLOAT64" -> true;
      default -> false;
    };
  }

  public static boolean bool(JsonElement value) {
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
      return value.getAsBoolean();
    }
    String text = text(value);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException("not a BOOL value");
  }

  /** An exact integer from INT64, NUMERIC, FLOAT, BOOL or STRING text. */
  public static BigInteger integer(String base, JsonElement value) {
    if (base.equals("BOOL")) {
      return bool(value) ? BigInteger.ONE : BigInteger.ZERO;
    }
    requireNumberLike(base);
    BigDecimal decimal = decimal(base, value);
    try {
      return decimal.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("not an integer (it has a fractional part)", e);
    }
  }

  /** An exact decimal from INT64, NUMERIC, FLOAT, BOOL or STRING text. */
  public static BigDecimal decimal(String base, JsonElement value) {
    if (base.equals("BOOL")) {
      return bool(value) ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    requireNumberLike(base);
    String text = text(value).trim();
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a finite number", e);
    }
  }

  /** A double from FLOAT64/FLOAT32 (numbers or NaN/Infinity strings), INT64, NUMERIC, STRING. */
  public static double floating(String base, JsonElement value) {
    if (base.equals("BOOL")) {
      return bool(value) ? 1d : 0d;
    }
    requireNumberLike(base);
    String text = text(value).trim();
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number", e);
    }
  }

  /** BYTES are base64 in the change stream. */
  public static byte[] bytes(JsonElement value) {
    return Base64.getDecoder().decode(text(value));
  }

  /** TIMESTAMP is RFC 3339 with up to nanoseconds and a zone offset (normally Z). */
  public static Instant timestamp(JsonElement value) {
    return SpannerJsonScalars.timestamp(text(value).trim());
  }

  /** DATE is yyyy-mm-dd. */
  public static LocalDate date(JsonElement value) {
    return LocalDate.parse(text(value).trim());
  }

  /** Decodes UTF-8 strictly: malformed bytes are an error, never replacement characters. */
  public static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("bytes are not valid UTF-8 text", e);
    }
  }

  private static void requireNumberLike(String base) {
    if (!isNumeric(base) && !base.equals("STRING")) {
      throw new IllegalArgumentException("a " + base + " value is not a number");
    }
  }
}
