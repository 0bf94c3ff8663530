package dev.rr.launcher.verify;

import com.google.cloud.spanner.Struct;
import dev.rr.common.mysql.ConversionException;
import dev.rr.common.mysql.SqlArray;
import dev.rr.common.postgres.PostgresArrays;
import dev.rr.common.postgres.PostgresValueConverter;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.spannerjson.ChangeStreamValues;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * {@link ShardValues} of PostgreSQL shards. A Spanner value is converted exactly as the writer
 * converts it ({@link PostgresValueConverter}, by the column's live PostgreSQL type); a shard
 * value is read as the typed Java value the driver returns. Both then take one form per type:
 * numbers without trailing zeros, {@code real} as a float, JSON with sorted keys, {@code
 * character(n)} without its blank padding, timestamps as ISO local date-times ({@code timestamp})
 * or UTC instants ({@code timestamptz}), bytes in hex. An array compares element by element
 * ({@link PostgresArrayValues}, the shard's read as the server prints it); an enum as its label.
 */
final class PostgresCanonicalValues implements ShardValues {
  private final PostgresValueConverter converter;

  /** Values of shards whose {@code timestamp} columns hold local times at {@code sourceTimezone}. */
  PostgresCanonicalValues(ZoneOffset sourceTimezone) {
    this.converter = new PostgresValueConverter(sourceTimezone);
  }

  @Override
  public String spanner(Struct row, String table, ColumnMapping column) {
    if (row.isNull(column.spannerName())) {
      return CanonicalValues.NULL;
    }
    Object written;
    try {
      written = converter.convert(table, column, ChangeStreamValues.of(row, column.spannerName()));
    } catch (ConversionException e) {
      return CanonicalValues.UNWRITABLE + e.getMessage();
    }
    if (written instanceof SqlArray array) {
      return PostgresArrayValues.canonical(array.elements(), PostgresArrays.elementType(column.sourceType()));
    }
    return written == null ? CanonicalValues.NULL : canonical(written, column);
  }

  @Override
  public String shard(ResultSet rows, int index, ColumnMapping column) throws SQLException {
    if (PostgresArrays.isArray(column.sourceType())) {
      String printed = rows.getString(index);
      return printed == null ? CanonicalValues.NULL
          : PostgresArrayValues.canonical(printed, PostgresArrays.elementType(column.sourceType()));
    }
    Object value = switch (column.sourceType().name()) {
      // The driver converts to Long, Double or Boolean only from int8, float8 and bool.
      case "smallint", "integer", "bigint" -> orNull(rows, rows.getLong(index));
      case "numeric" -> rows.getBigDecimal(index);
      case "real", "double precision" -> orNull(rows, rows.getDouble(index));
      case "boolean" -> orNull(rows, rows.getBoolean(index));
      case "bytea" -> rows.getBytes(index);
      case "date" -> rows.getObject(index, LocalDate.class);
      case "timestamp without time zone" -> rows.getObject(index, LocalDateTime.class);
      case "timestamp with time zone" -> rows.getObject(index, OffsetDateTime.class);
      case "time without time zone" -> rows.getObject(index, LocalTime.class);
      // text, varchar, char, json, jsonb, uuid; a type the writer does not write as the server prints it.
      default -> rows.getString(index);
    };
    return value == null ? CanonicalValues.NULL : canonical(value, column);
  }

  private static Object orNull(ResultSet rows, Object value) throws SQLException {
    return rows.wasNull() ? null : value;
  }

  @Override
  public String selected(ColumnMapping column) {
    return quote(column.sourceName());
  }

  @Override
  public String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** One form for a value written to, or read from, {@code column}'s PostgreSQL type. */
  private static String canonical(Object value, ColumnMapping column) {
    return switch (column.sourceType().name()) {
      case "smallint", "integer", "bigint" -> CanonicalForms.number(value.toString());
      case "numeric" -> CanonicalForms.number(((BigDecimal) value).toPlainString());
      case "real" -> Float.toString(((Number) value).floatValue());
      case "double precision" -> Double.toString(((Number) value).doubleValue());
      case "bytea" -> HexFormat.of().formatHex((byte[]) value);
      case "json", "jsonb" -> CanonicalForms.json(value.toString());
      // character(n) pads with blanks, which PostgreSQL ignores in comparisons.
      case "character" -> value.toString().replaceAll(" +$", "");
      case "timestamp without time zone" ->
          ((LocalDateTime) value).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      case "timestamp with time zone" -> ((OffsetDateTime) value).toInstant().toString();
      default -> value.toString();
    };
  }
}
