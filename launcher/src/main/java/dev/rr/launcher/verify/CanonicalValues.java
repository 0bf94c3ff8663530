package dev.rr.launcher.verify;

import com.google.cloud.spanner.Struct;
import dev.rr.common.mysql.ConversionException;
import dev.rr.common.mysql.MySqlValueConverter;
import dev.rr.common.mysql.SourceFamily;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.spannerjson.ChangeStreamValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Turns a Spanner value and a MySQL value of the same mapped column into the same canonical
 * string when they hold equal data. The Spanner value is first converted exactly as the writer
 * converts it (its change-stream JSON through {@link MySqlValueConverter}, the migration tool's
 * conventions included); the MySQL value is read as the server stores it. Both then take one
 * form per MySQL column family ({@link CanonicalForms}), so that the server's own renderings
 * (padding, set order, float digits, fractional zeros) never show as differences, and every
 * difference left is one the writer would not have produced. A Spanner value the writer would
 * refuse canonicalizes to a marker no stored value takes, with the reason.
 */
public final class CanonicalValues implements ShardValues {
  /** The canonical form of SQL NULL. */
  public static final String NULL = "\u0000NULL";
  /** Starts the canonical form of a Spanner value the writer cannot write to its column. */
  public static final String UNWRITABLE = "\u0000unwritable: ";

  private static final DateTimeFormatter MYSQL_DATETIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  private final MySqlValueConverter converter;

  /** Values of a source at {@code sourceTimezone}, temporal digits from the mapped types. */
  public CanonicalValues(ZoneOffset sourceTimezone) {
    this(sourceTimezone, TemporalPrecisions.none());
  }

  /** Values of a source at {@code sourceTimezone} whose live temporal columns have {@code precisions}. */
  public CanonicalValues(ZoneOffset sourceTimezone, TemporalPrecisions precisions) {
    this.converter = new MySqlValueConverter(sourceTimezone, precisions);
  }

  /**
   * The canonical form of {@code column} of Spanner row {@code row}, as the writer would write it
   * into source table {@code table}.
   */
  @Override
  public String spanner(Struct row, String table, ColumnMapping column) {
    if (row.isNull(column.spannerName())) {
      return NULL;
    }
    Object written;
    try {
      written = converter.convert(table, column, ChangeStreamValues.of(row, column.spannerName()));
    } catch (ConversionException e) {
      return UNWRITABLE + e.getMessage();
    }
    return written == null ? NULL : written(written, column);
  }

  @Override
  public String shard(ResultSet rows, int index, ColumnMapping column) throws SQLException {
    return mysql(rows, index, column);
  }

  /**
   * A compared column as selected: a {@code FLOAT} as {@code CAST(c AS DOUBLE)}, since the server
   * prints a float with 6 significant digits and the stored float has more.
   */
  @Override
  public String selected(ColumnMapping column) {
    String name = quote(column.sourceName());
    return SourceFamily.of(column.sourceType()) == SourceFamily.FLOAT
        ? "CAST(" + name + " AS DOUBLE)" : name;
  }

  @Override
  public String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** The canonical form of column {@code index} (1-based) of a MySQL row of mapped {@code column}. */
  public String mysql(ResultSet rows, int index, ColumnMapping column) throws SQLException {
    SourceType type = column.sourceType();
    if (!MySqlValueConverter.supports(type)) {
      // A type the writer does not write (spatial): its Spanner side is unwritable anyway.
      String text = rows.getString(index);
      return text == null ? NULL : text;
    }
    Object value = switch (family(type)) {
      case BIT, BINARY -> rows.getBytes(index);
      case FLOAT, DOUBLE -> {
        double number = rows.getDouble(index);
        yield rows.wasNull() ? null : number;
      }
      case DECIMAL -> rows.getBigDecimal(index);
      case YEAR -> {
        // Connector/J reads a YEAR as a date by default (yearIsDateType); its number is the year.
        int year = rows.getInt(index);
        yield rows.wasNull() ? null : (long) year;
      }
      case DATETIME, TIMESTAMP -> {
        String text = rows.getString(index);
        yield text == null ? null : LocalDateTime.parse(text, MYSQL_DATETIME);
      }
      default -> rows.getString(index);
    };
    return value == null ? NULL : written(value, column);
  }

  /** The canonical form of a value as written to (or read from) {@code column}'s MySQL column. */
  private static String written(Object value, ColumnMapping column) {
    SourceType type = column.sourceType();
    return switch (family(type)) {
      case INTEGER, YEAR -> CanonicalForms.number(value.toString());
      case DECIMAL -> decimal(new BigDecimal(value.toString()), type);
      case FLOAT -> Float.toString(((Number) value).floatValue());
      case DOUBLE -> Double.toString(((Number) value).doubleValue());
      case BIT -> new BigInteger(1, (byte[]) value).toString();
      case BINARY -> HexFormat.of().formatHex(padded((byte[]) value, type));
      case JSON -> CanonicalForms.json(value.toString());
      case SET -> CanonicalForms.set(value.toString());
      case TIME -> CanonicalForms.time(value.toString());
      case DATE -> value.toString();
      case DATETIME, TIMESTAMP -> ((LocalDateTime) value).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      case TEXT, ENUM -> CanonicalForms.text(value.toString(), type, column.spannerType());
    };
  }

  private static SourceFamily family(SourceType type) {
    return SourceFamily.of(type);
  }

  /** A decimal rounded to the column's scale, as the server stores it, without trailing zeros. */
  private static String decimal(BigDecimal value, SourceType type) {
    BigDecimal stored = type.mods().isEmpty() ? value
        : value.setScale(type.mods().size() > 1 ? type.mods().get(1).intValue() : 0,
            RoundingMode.HALF_UP);
    return CanonicalForms.number(stored.toPlainString());
  }

  /** {@code binary(n)} holds exactly n bytes: MySQL pads shorter values with 0x00. */
  private static byte[] padded(byte[] value, SourceType type) {
    if (!SourceFamily.baseName(type).equals("binary")) {
      return value;
    }
    int length = type.mods().isEmpty() ? 1 : type.mods().get(0).intValue();
    return value.length >= length ? value : Arrays.copyOf(value, length);
  }

  /** A decimal number without trailing zeros ({@code 1.50} -> {@code 1.5}, {@code 0.0} -> 0). */
  static String number(String value) {
    return CanonicalForms.number(value);
  }

  /** JSON re-serialized with object keys sorted, so formatting and key order do not matter. */
  static String json(String value) {
    return CanonicalForms.json(value);
  }
}
