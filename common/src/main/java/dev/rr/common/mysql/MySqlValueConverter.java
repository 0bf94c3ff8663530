package dev.rr.common.mysql;

import static dev.rr.common.mysql.SpannerJsonCoercions.baseType;
import static dev.rr.common.spannerjson.SpannerJsonScalars.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Converts one change-stream JSON value of a Spanner column into the JDBC parameter value for its
 * MySQL column, according to both column types.
 *
 * <p>Results are Long, BigInteger (BIGINT UNSIGNED beyond Long), BigDecimal, Double, String,
 * byte[], LocalDate, LocalTime, LocalDateTime, or null for JSON null. Spanner TIMESTAMPs become
 * local date-times in the source time zone offset.
 *
 * <p>DATETIME, TIMESTAMP and TIME values are <em>truncated</em> to the column's fractional digits
 * here, so that no server rounds them (MySQL 8 rounds {@code 23:59:59.6} into the next day in a
 * plain {@code datetime}, MariaDB truncates it). The digits come from the live column ({@link
 * TemporalPrecisions}) when known, else from the mapped type's modifier, else six (the most MySQL
 * keeps). A value that does not fit its column is a {@link ConversionException}; the mapping
 * table is in {@code docs/mysql-type-mapping.md}.
 */
public final class MySqlValueConverter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ZoneOffset sourceTimezone;
  private final MySqlTemporalConverter temporal;
  private final TemporalPrecisions precisions;

  /**
   * A converter for a source database whose local times are at {@code sourceTimezone} and whose
   * temporal columns have {@code precisions}.
   */
  public MySqlValueConverter(ZoneOffset sourceTimezone, TemporalPrecisions precisions) {
    this.sourceTimezone = Objects.requireNonNull(sourceTimezone, "sourceTimezone");
    this.temporal = new MySqlTemporalConverter(sourceTimezone);
    this.precisions = Objects.requireNonNull(precisions, "precisions");
  }

  /** A converter for a source database whose local times are at {@code sourceTimezone}. */
  public MySqlValueConverter(ZoneOffset sourceTimezone) {
    this(sourceTimezone, TemporalPrecisions.none());
  }

  /** A converter for a source database in UTC. */
  public MySqlValueConverter() {
    this(ZoneOffset.UTC);
  }

  /**
   * True when values can be written to a column of {@code type} (some Spanner type pairs may
   * still be refused per value, see {@code docs/mysql-type-mapping.md}).
   */
  public static boolean supports(SourceType type) {
    return SourceFamily.isKnown(type);
  }

  /** The source time zone offset. */
  public ZoneOffset sourceTimezone() {
    return sourceTimezone;
  }

  /**
   * The JDBC value for {@code value} of {@code column} in source table {@code table}.
   *
   * @throws ConversionException when the value cannot be represented in the MySQL column
   */
  public Object convert(String table, ColumnMapping column, JsonElement value) {
    if (!column.hasSource()) {
      throw new IllegalArgumentException(
          "Spanner column " + column.spannerName() + " has no source column");
    }
    if (value == null || value.isJsonNull()) {
      return null;
    }
    try {
      SourceFamily family = SourceFamily.of(column.sourceType());
      String base = baseType(column.spannerType());
      if (column.spannerType().array()) {
        return convertArray(family, base, value);
      }
      return convertScalar(family, base, table, column, value);
    } catch (IllegalArgumentException
        | IllegalStateException
        | UnsupportedOperationException
        | ArithmeticException
        | DateTimeException e) {
      throw new ConversionException(
          table,
          column.sourceName(),
          column.sourceType(),
          column.spannerType(),
          value.toString(),
          e.getMessage(),
          e);
    }
  }

  private Object convertScalar(
      SourceFamily family, String base, String table, ColumnMapping column, JsonElement value) {
    SourceType type = column.sourceType();
    if (!value.isJsonPrimitive() && !base.equals("JSON")) {
      throw new IllegalArgumentException("expected a single " + base + " value");
    }
    return switch (family) {
      case INTEGER -> toInteger(base, type, value);
      case DECIMAL -> toDecimal(base, type, value);
      case FLOAT, DOUBLE -> toDouble(family, base, type, value);
      case BIT -> toBit(base, type, value);
      case TEXT, ENUM, SET -> toText(base, value);
      case JSON -> toJsonText(base, value);
      case BINARY -> toBinary(base, value);
      case DATE -> temporal.toDate(base, value);
      case TIME -> temporal.toTime(base, value, digits(table, column));
      case YEAR -> temporal.toYear(base, value);
      case DATETIME -> temporal.toDateTime(base, type, value, digits(table, column), false);
      case TIMESTAMP -> temporal.toDateTime(base, type, value, digits(table, column), true);
    };
  }

  /** The column's fractional digits: the live column's, else its type's modifier, else six. */
  private int digits(String table, ColumnMapping column) {
    return precisions.digits(table, column.sourceName())
        .orElseGet(() -> MySqlTemporalConverter.declaredDigits(column.sourceType()));
  }

  private static Object convertArray(SourceFamily family, String base, JsonElement value) {
    if (!value.isJsonArray()) {
      throw new IllegalArgumentException("expected a JSON array for an ARRAY column");
    }
    return switch (family) {
      case JSON, TEXT -> JsonArrays.toJsonText(base, value.getAsJsonArray());
      case SET -> toSetText(value.getAsJsonArray());
      default ->
          throw new IllegalArgumentException(
              "an ARRAY can only be written to a json, set or text column");
    };
  }

  private static Object toInteger(String base, SourceType type, JsonElement value) {
    BigInteger number = SpannerJsonCoercions.integer(base, value);
    BigInteger min = SourceFamily.integerMin(type);
    BigInteger max = SourceFamily.integerMax(type);
    if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
      throw new IllegalArgumentException("out of range [" + min + ", " + max + "]");
    }
    return number.bitLength() < Long.SIZE ? (Object) number.longValueExact() : number;
  }

  private static BigDecimal toDecimal(String base, SourceType type, JsonElement value) {
    BigDecimal number = SpannerJsonCoercions.decimal(base, value);
    if (SourceFamily.isUnsigned(type) && number.signum() < 0) {
      throw new IllegalArgumentException("negative value for an unsigned column");
    }
    if (!type.mods().isEmpty()) {
      long precision = type.mods().get(0);
      long scale = type.mods().size() > 1 ? type.mods().get(1) : 0;
      long integerDigits = number.precision() - (long) number.scale();
      if (integerDigits > precision - scale) {
        throw new IllegalArgumentException(
            "out of range: more than " + (precision - scale) + " integer digits");
      }
    }
    return number;
  }

  private static Double toDouble(
      SourceFamily family, String base, SourceType type, JsonElement value) {
    double number = SpannerJsonCoercions.floating(base, value);
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      throw new IllegalArgumentException("MySQL cannot store NaN or infinity");
    }
    if (family == SourceFamily.FLOAT && Math.abs(number) > Float.MAX_VALUE) {
      throw new IllegalArgumentException("out of range for a single-precision float");
    }
    if (SourceFamily.isUnsigned(type) && number < 0) {
      throw new IllegalArgumentException("negative value for an unsigned column");
    }
    return number;
  }

  private static byte[] toBit(String base, SourceType type, JsonElement value) {
    BigInteger bits =
        switch (base) {
          case "BYTES" -> new BigInteger(1, SpannerJsonCoercions.bytes(value));
          case "STRING" -> MigrationToolText.bitNumber(text(value));
          default -> SpannerJsonCoercions.integer(base, value);
        };
    long width = type.mods().isEmpty() ? 1 : type.mods().get(0);
    if (bits.signum() < 0 || bits.bitLength() > width) {
      throw new IllegalArgumentException(
          "needs " + bits.bitLength() + " bits but the column holds " + width);
    }
    // Big-endian, shortest form; MySQL right-aligns a binary string in a BIT column.
    byte[] bytes = bits.toByteArray();
    return bytes.length > 1 && bytes[0] == 0
        ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length)
        : bytes;
  }

  private static String toText(String base, JsonElement value) {
    return switch (base) {
      case "BYTES" -> SpannerJsonCoercions.utf8(SpannerJsonCoercions.bytes(value));
      case "BOOL" -> Boolean.toString(SpannerJsonCoercions.bool(value));
      default -> text(value);
    };
  }

  private static String toJsonText(String base, JsonElement value) {
    return switch (base) {
      case "JSON", "STRING" -> text(value);
      default -> JsonArrays.element(base, value).toString();
    };
  }

  private static byte[] toBinary(String base, JsonElement value) {
    return switch (base) {
      case "BYTES" -> SpannerJsonCoercions.bytes(value);
      case "STRING" -> MigrationToolText.hexBytes(text(value));
      case "JSON" -> text(value).getBytes(StandardCharsets.UTF_8);
      default ->
          throw new IllegalArgumentException("a " + base + " value cannot be written as bytes");
    };
  }

  private static String toSetText(JsonArray array) {
    List<String> members = new ArrayList<>(array.size());
    for (JsonElement element : array) {
      if (element == null || element.isJsonNull()) {
        throw new IllegalArgumentException("a SET cannot hold a null member");
      }
      String member = text(element);
      if (member.indexOf(',') >= 0) {
        throw new IllegalArgumentException("a SET member cannot contain a comma: " + member);
      }
      members.add(member);
    }
    return String.join(",", members);
  }
}
