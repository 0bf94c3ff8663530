package dev.rr.common.routing;

import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a row read from Spanner as the Java values {@link SpannerJsonValues} gives for
 * the same row in change-stream JSON, so that a row read back routes exactly like a row image
 * from the stream. Values are read by the column's type in the result, so a PostgreSQL-dialect
 * {@code numeric} or {@code jsonb} reads like a GoogleSQL NUMERIC or JSON. The reader's row
 * lookups and {@code rr verify}'s routing both use it.
 */
public final class SpannerRowValues {
  private SpannerRowValues() {}

  /** The {@code columns} of {@code row}, by name, in that order. */
  public static Map<String, Object> of(Collection<String> columns, Struct row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String column : columns) {
      values.put(column, value(row, column));
    }
    return Collections.unmodifiableMap(values);
  }

  private static Object value(Struct row, String column) {
    if (row.isNull(column)) {
      return null;
    }
    Type type = row.getColumnType(column);
    return switch (type.getCode()) {
      case BOOL -> row.getBoolean(column);
      case INT64 -> row.getLong(column);
      case FLOAT64 -> row.getDouble(column);
      case FLOAT32 -> row.getFloat(column);
      case NUMERIC -> row.getBigDecimal(column);
      case PG_NUMERIC -> SpannerJsonValues.decimal(row.getValue(column).getString());
      case STRING -> row.getString(column);
      case JSON -> row.getJson(column);
      case PG_JSONB -> row.getPgJsonb(column);
      case BYTES -> row.getBytes(column);
      case DATE -> row.getDate(column);
      case TIMESTAMP -> row.getTimestamp(column);
      case ARRAY -> Collections.unmodifiableList(new ArrayList<>(
          array(row, column, type.getArrayElementType().getCode())));
      default -> row.getValue(column).toString();
    };
  }

  private static List<?> array(Struct row, String column, Type.Code element) {
    return switch (element) {
      case BOOL -> row.getBooleanList(column);
      case INT64 -> row.getLongList(column);
      case FLOAT64 -> row.getDoubleList(column);
      case FLOAT32 -> row.getFloatList(column);
      case NUMERIC -> row.getBigDecimalList(column);
      case PG_NUMERIC -> row.getValue(column).getStringArray().stream()
          .map(v -> v == null ? null : SpannerJsonValues.decimal(v)).toList();
      case STRING -> row.getStringList(column);
      case JSON -> row.getJsonList(column);
      case PG_JSONB -> row.getPgJsonbList(column);
      case BYTES -> row.getBytesList(column);
      case DATE -> row.getDateList(column);
      case TIMESTAMP -> row.getTimestampList(column);
      default -> List.of(row.getValue(column).toString());
    };
  }
}
