package dev.rr.common.postgres;

import static dev.rr.common.mysql.SpannerJsonCoercions.baseType;
import static dev.rr.common.spannerjson.SpannerJsonScalars.text;

import com.google.gson.JsonElement;
import dev.rr.common.mysql.ConversionException;
import dev.rr.common.mysql.SpannerJsonCoercions;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Converts one change-stream JSON value of a Spanner column into the JDBC parameter value for its
 * PostgreSQL column, by the column's PostgreSQL type ({@code format_type} without modifiers).
 *
 * <p>Results are Long, BigDecimal, Double, Boolean, String, byte[], UUID, LocalDate, LocalTime,
 * LocalDateTime, OffsetDateTime (UTC, for {@code timestamp with time zone}), {@link
 * dev.rr.common.mysql.SqlArray} (a Spanner ARRAY for an array column, each element converted as
 * a scalar of the element type: {@link PostgresArrays}), or null. An enum column takes a STRING
 * that is one of its labels, as a String (the connection sends text parameters untyped, so the
 * server reads it as the column's enum). A {@code
 * timestamp} without time zone gets the local time at the source offset; both are truncated to
 * microseconds, PostgreSQL's precision (to the column's digits when it declares fewer). Values
 * PostgreSQL would refuse (out of range, too long, a NUL character in text) are refused here with
 * a {@link ConversionException}, before anything is sent. {@code real} and {@code double
 * precision} take NaN and the infinities. The table is in {@code docs/postgresql.md}.
 */
public final class PostgresValueConverter implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The scalar types this converter writes; also enums ({@link SourceType#isEnum}) and arrays of
   * these ({@link PostgresArrays}). No domains or enum arrays yet.
   */
  static final Set<String> SUPPORTED = Set.of("smallint", "integer", "bigint", "numeric", "real",
      "double precision", "boolean", "text", "character varying", "character", "bytea", "date",
      "timestamp without time zone", "timestamp with time zone", "time without time zone",
      "json", "jsonb", "uuid");

  private static final int MAX_LABELS_SHOWN = 20;

  private final ZoneOffset sourceTimezone;

  /** A converter whose {@code timestamp} (without time zone) values are at {@code sourceTimezone}. */
  public PostgresValueConverter(ZoneOffset sourceTimezone) {
    this.sourceTimezone = Objects.requireNonNull(sourceTimezone, "sourceTimezone");
  }

  /** True when values can be written to a column of {@code type}. */
  public static boolean supports(SourceType type) {
    return type != null
        && (SUPPORTED.contains(type.name()) || type.isEnum() || PostgresArrays.supports(type));
  }

  /**
   * The JDBC value for {@code value} of {@code column} in source table {@code table}.
   *
   * @throws ConversionException when the value cannot be represented in the column
   */
  public Object convert(String table, ColumnMapping column, JsonElement value) {
    if (!column.hasSource()) {
      throw new IllegalArgumentException("Spanner column " + column.spannerName() + " has no source column");
    }
    if (value == null || value.isJsonNull()) {
      return null;
    }
    try {
      String base = baseType(column.spannerType());
      SourceType type = column.sourceType();
      if (column.spannerType().array() || PostgresArrays.isArray(type)) {
        PostgresArrays.problem(column.spannerType(), type).ifPresent(problem -> {
          throw new IllegalArgumentException(problem);
        });
        return PostgresArrays.convert(base, type, value, this::convertScalar);
      }
      if (!value.isJsonPrimitive()) {
        throw new IllegalArgumentException("expected a single value, got " + value);
      }
      return type.isEnum() ? label(base, type, value) : convertScalar(base, type, value);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | DateTimeException e) {
      throw new ConversionException(table, column.sourceName(), column.sourceType(), column.spannerType(),
          value.toString(), e.getMessage(), e);
    }
  }

  /**
   * Why Spanner column type {@code spanner} can never be written to a column of {@code type}, or
   * empty: arrays go to arrays of a compatible element type, enums take STRING values. Other
   * scalar pairs are checked value by value.
   */
  public static Optional<String> pairProblem(SpannerType spanner, SourceType type) {
    if (spanner.array() || PostgresArrays.isArray(type)) {
      return PostgresArrays.problem(spanner, type);
    }
    if (type.isEnum() && !baseType(spanner).equals("STRING")) {
      return Optional.of("an enum column takes Spanner STRING values only");
    }
    return Optional.empty();
  }

  /** The value itself when it is one of the enum's labels (PostgreSQL would refuse it: 22P02). */
  private static String label(String base, SourceType type, JsonElement value) {
    String label = text(value);
    if (!base.equals("STRING") || !type.labels().contains(label)) {
      List<String> labels = type.labels();
      throw new IllegalArgumentException("not a label of enum " + type.name() + " "
          + (labels.size() <= MAX_LABELS_SHOWN ? labels
              : labels.subList(0, MAX_LABELS_SHOWN) + " and " + (labels.size() - MAX_LABELS_SHOWN) + " more"));
    }
    return label;
  }

  private Object convertScalar(String base, SourceType type, JsonElement value) {
    return switch (type.name()) {
      case "smallint" -> integer(base, value, Short.MIN_VALUE, Short.MAX_VALUE);
      case "integer" -> integer(base, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case "bigint" -> integer(base, value, Long.MIN_VALUE, Long.MAX_VALUE);
      case "numeric" -> numeric(base, type, value);
      case "real" -> real(base, value);
      case "double precision" -> SpannerJsonCoercions.floating(base, value);
      case "boolean" -> SpannerJsonCoercions.bool(value);
      case "text", "character varying", "character", "json", "jsonb" -> checkedText(base, type, value);
      case "bytea" -> requireBase(base, "BYTES") == null ? null : SpannerJsonCoercions.bytes(value);
      case "uuid" -> UUID.fromString(requireText(base, value));
      case "date" -> SpannerJsonCoercions.date(value);
      case "timestamp without time zone" -> LocalDateTime.ofInstant(instant(base, type, value), sourceTimezone);
      case "timestamp with time zone" -> OffsetDateTime.ofInstant(instant(base, type, value), ZoneOffset.UTC);
      case "time without time zone" -> {
        LocalTime time = LocalTime.parse(requireText(base, value));
        yield time.withNano(truncate(time.getNano(), type));
      }
      default -> throw new IllegalArgumentException("the writer cannot write PostgreSQL type " + type);
    };
  }

  private static long integer(String base, JsonElement value, long min, long max) {
    BigInteger number = SpannerJsonCoercions.integer(base, value);
    if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException("out of range " + min + ".." + max);
    }
    return number.longValueExact();
  }

  /** Exact or refused: PostgreSQL would round a value with more fractional digits than the scale. */
  private static BigDecimal numeric(String base, SourceType type, JsonElement value) {
    BigDecimal number = SpannerJsonCoercions.decimal(base, value);
    if (type.mods().isEmpty()) {
      return number;
    }
    long precision = type.mods().get(0);
    long scale = type.mods().size() > 1 ? type.mods().get(1) : 0;
    BigDecimal stripped = number.stripTrailingZeros();
    if (stripped.scale() > scale) {
      throw new IllegalArgumentException("more than " + scale + " fractional digits");
    }
    long integerDigits = Math.max(0, stripped.precision() - stripped.scale());
    if (integerDigits > precision - scale) {
      throw new IllegalArgumentException("more than " + (precision - scale) + " integer digits");
    }
    return number;
  }

  private static double real(String base, JsonElement value) {
    double number = SpannerJsonCoercions.floating(base, value);
    if (Double.isFinite(number) && Math.abs(number) > Float.MAX_VALUE) {
      throw new IllegalArgumentException("out of range for real");
    }
    return number;
  }

  private static String checkedText(String base, SourceType type, JsonElement value) {
    String text = base.equals("BYTES")
        ? SpannerJsonCoercions.utf8(SpannerJsonCoercions.bytes(value)) : text(value);
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("PostgreSQL text cannot hold the character U+0000");
    }
    boolean limited = type.name().equals("character varying") || type.name().equals("character");
    if (limited && !type.mods().isEmpty() && text.codePointCount(0, text.length()) > type.mods().get(0)) {
      throw new IllegalArgumentException("longer than " + type.mods().get(0) + " characters");
    }
    return text;
  }

  private static Instant instant(String base, SourceType type, JsonElement value) {
    requireBase(base, "TIMESTAMP");
    Instant instant = SpannerJsonCoercions.timestamp(value);
    return Instant.ofEpochSecond(instant.getEpochSecond(), truncate(instant.getNano(), type));
  }

  /**
   * {@code nanos} truncated to the column's fractional digits (its modifier, else six), so that
   * the server never rounds a value into the next second, or day.
   */
  private static int truncate(int nanos, SourceType type) {
    long digits = type.mods().isEmpty() ? 6 : Math.min(6, type.mods().get(0));
    int step = (int) Math.pow(10, 9 - digits);
    return nanos - nanos % step;
  }

  private static String requireText(String base, JsonElement value) {
    requireBase(base, "STRING");
    return text(value).trim();
  }

  private static String requireBase(String base, String expected) {
    if (!base.equals(expected)) {
      throw new IllegalArgumentException("a " + base + " value cannot be written to this column");
    }
    return base;
  }
}
