package dev.rr.common.spannerjson;

import com.google.cloud.ByteArray;
import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Type;
import com.google.cloud.spanner.Value;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.List;

/**
 * A Spanner row's column value in the change stream's JSON encoding, the form the reader writes to
 * the buffer and the writer converts: INT64 and NUMERIC as strings, FLOAT64/FLOAT32 as numbers (or
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), BOOL as a boolean, BYTES as base64,
 * DATE {@code yyyy-mm-dd}, TIMESTAMP RFC 3339, JSON as a string of its text, ARRAY as a JSON
 * array of its elements so encoded. The snapshot loader turns rows read from Spanner into change
 * records with it, and {@code rr verify} passes values through the writer's converter with it, so
 * that a row read from a table is written and compared as the writer would write the same row
 * from the change stream.
 */
public final class ChangeStreamValues {
  private ChangeStreamValues() {}

  /** The value of {@code column} of {@code row}; JSON null for SQL NULL. */
  public static JsonElement of(Struct row, String column) {
    if (row.isNull(column)) {
      return JsonNull.INSTANCE;
    }
    Value value = row.getValue(column);
    Type type = row.getColumnType(column);
    if (type.getCode() == Type.Code.ARRAY) {
      return array(row, column, type.getArrayElementType());
    }
    return scalar(type.getCode(), scalarObject(value, type.getCode()));
  }

  private static Object scalarObject(Value value, Type.Code code) {
    return switch (code) {
      case BOOL -> value.getBool();
      case INT64 -> value.getInt64();
      case FLOAT64 -> value.getFloat64();
      case FLOAT32 -> value.getFloat32();
      case NUMERIC -> value.getNumeric();
      case BYTES -> value.getBytes();
      case JSON -> value.getJson();
      case PG_JSONB -> value.getPgJsonb();
      case STRING -> value.getString();
      case DATE -> value.getDate().toString();
      case TIMESTAMP -> value.getTimestamp().toString();
      // PG_NUMERIC prints as the stream spells it.
      default -> value.toString();
    };
  }

  private static JsonElement scalar(Type.Code code, Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    return switch (code) {
      case BOOL -> new JsonPrimitive((Boolean) value);
      case FLOAT64 -> floating((Double) value);
      // The stream prints a FLOAT32 with its own shortest digits, not the widened double's.
      case FLOAT32 -> Float.isFinite((Float) value)
          ? new JsonPrimitive(new BigDecimal(Float.toString((Float) value)))
          : new JsonPrimitive(value.toString());
      case NUMERIC -> new JsonPrimitive(((BigDecimal) value).toPlainString());
      case BYTES -> new JsonPrimitive(((ByteArray) value).toBase64());
      default -> new JsonPrimitive(value.toString());
    };
  }

  private static JsonElement floating(double value) {
    return Double.isFinite(value) ? new JsonPrimitive(value) : new JsonPrimitive(Double.toString(value));
  }

  private static JsonArray array(Struct row, String column, Type element) {
    List<?> values = switch (element.getCode()) {
      case BOOL -> row.getBooleanList(column);
      case INT64 -> row.getLongList(column);
      case FLOAT64 -> row.getDoubleList(column);
      case FLOAT32 -> row.getFloatList(column);
      case NUMERIC -> row.getBigDecimalList(column);
      case BYTES -> row.getBytesList(column);
      case JSON -> row.getJsonList(column);
      case PG_JSONB -> row.getPgJsonbList(column);
      case DATE -> row.getDateList(column);
      case TIMESTAMP -> row.getTimestampList(column);
      default -> row.getStringList(column);
    };
    JsonArray array = new JsonArray();
    for (Object value : values) {
      array.add(scalar(element.getCode(), value));
    }
    return array;
  }
}
