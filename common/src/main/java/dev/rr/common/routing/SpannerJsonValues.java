package dev.rr.common.routing;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.spannerjson.SpannerJsonScalars;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Spanner change-stream JSON values into Java values by the column's {@link SpannerType}:
 * BOOL -> Boolean, INT64 -> Long, FLOAT64 -> Double, FLOAT32 -> Float, NUMERIC -> BigDecimal (a
 * PostgreSQL-dialect numeric NaN -> Double.NaN),
 * STRING and JSON -> String, BYTES -> {@link ByteArray}, DATE -> {@link Date}, TIMESTAMP ->
 * {@link Timestamp}, ARRAY -> unmodifiable List (elements may be null), JSON null -> null.
 * Change streams write INT64 and NUMERIC as strings, FLOAT64 as numbers (NaN and infinities as
 * strings), BYTES as base64, TIMESTAMP as RFC 3339; numbers given either way are accepted.
 */
public final class SpannerJsonValues {
  /** How a PostgreSQL-dialect numeric NaN is written, in the stream and in a read row. */
  private static final String NUMERIC_NAN = "NaN";

  private SpannerJsonValues() {}

  /**
   * The row image of {@code record}: its keys plus its new values; for a DELETE its old values
   * when the stream captured them (else whatever new values it carries). For an UPDATE, old
   * values (when captured) fill in columns the new values lack. Columns the table mapping does
   * not know are left out.
   */
  public static Map<String, Object> rowOf(ChangeRecord record, TableMapping table) {
    Map<String, Object> row = new LinkedHashMap<>();
    if (record.modType() == ModType.DELETE) {
      Map<String, Object> old = toRow(table, record.oldValuesJson());
      row.putAll(old.isEmpty() ? toRow(table, record.newValuesJson()) : old);
    } else {
      if (record.modType() == ModType.UPDATE) {
        row.putAll(toRow(table, record.oldValuesJson()));
      }
      row.putAll(toRow(table, record.newValuesJson()));
    }
    row.putAll(toRow(table, record.keysJson()));
    return Collections.unmodifiableMap(row);
  }

  /** The columns of one change-stream JSON object, keyed by Spanner column name. */
  public static Map<String, Object> toRow(TableMapping table, String json) {
    JsonObject object = parseObject(table.spannerName(), json);
    Map<String, Object> row = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> field : object.entrySet()) {
      Optional<ColumnMapping> column = table.bySpannerColumn(field.getKey());
      if (column.isPresent()) {
        row.put(field.getKey(), toJava(
            table.spannerName(), field.getKey(), column.get().spannerType(), field.getValue()));
      }
    }
    return Collections.unmodifiableMap(row);
  }

  private static JsonObject parseObject(String table, String json) {
    if (json == null || json.isBlank()) {
      return new JsonObject();
    }
    try {
      JsonElement element = JsonParser.parseString(json);
      if (element.isJsonObject()) {
        return element.getAsJsonObject();
      }
    } catch (JsonParseException e) {
      throw new SpannerValueException(table, "*", "row", json, "not a JSON object", e);
    }
    throw new SpannerValueException(table, "*", "row", json, "not a JSON object", null);
  }

  /**
   * The Java value of {@code value} for a column of type {@code type}.
   *
   * @throws SpannerValueException naming table, column, type and value when it does not fit
   */
  public static Object toJava(String table, String column, SpannerType type, JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    try {
      if (!type.array()) {
        return scalar(type.name(), value);
      }
      if (!value.isJsonArray()) {
        throw new IllegalArgumentException("expected a JSON array");
      }
      List<Object> list = new ArrayList<>();
      for (JsonElement element : value.getAsJsonArray()) {
        list.add(element.isJsonNull() ? null : scalar(type.name(), element));
      }
      return Collections.unmodifiableList(list);
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
      throw new SpannerValueException(
          table, column, type.toString(), value.toString(), e.getMessage(), e);
    }
  }

  private static Object scalar(String type, JsonElement value) {
    switch (type) {
      case "BOOL":
        return primitive(value, "a JSON boolean").isBoolean()
            ? value.getAsBoolean() : fail("expected a JSON boolean");
      case "INT64":
        return integer(primitive(value, "an integer as string or number"));
      case "FLOAT64":
        return floating(primitive(value, "a number"));
      case "FLOAT32":
        return (float) floating(primitive(value, "a number"));
      case "NUMERIC":
        return decimal(primitive(value, "a decimal as string or number").getAsString());
      case "STRING":
        return string(value);
      case "JSON":
        return SpannerJsonScalars.text(value);
      case "BYTES":
        return ByteArray.fromBase64(string(value));
      case "DATE":
        return Date.parseDate(string(value));
      case "TIMESTAMP":
        return timestamp(string(value));
      default:
        return fail("unsupported Spanner type " + type);
    }
  }

  /**
   * A NUMERIC: a BigDecimal, or {@link Double#NaN} for the NaN a PostgreSQL-dialect {@code
   * numeric} can hold (no BigDecimal can; a row holding one must still route).
   */
  public static Object decimal(String text) {
    return NUMERIC_NAN.equals(text) ? Double.NaN : new BigDecimal(text);
  }

  private static Timestamp timestamp(String text) {
    Instant instant = SpannerJsonScalars.timestamp(text);
    return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }

  private static JsonPrimitive primitive(JsonElement value, String expected) {
    if (!value.isJsonPrimitive()) {
      fail("expected " + expected);
    }
    return value.getAsJsonPrimitive();
  }

  private static String string(JsonElement value) {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      fail("expected a JSON string");
    }
    return value.getAsString();
  }

  private static long integer(JsonPrimitive value) {
    if (value.isBoolean()) {
      fail("expected an integer");
    }
    return new BigDecimal(value.getAsString()).longValueExact();
  }

  private static double floating(JsonPrimitive value) {
    if (value.isBoolean()) {
      fail("expected a number");
    }
    String text = value.getAsString();
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        // BigDecimal accepts only plain decimal notation (no "1f", no hex floats).
        return new BigDecimal(text).doubleValue();
    }
  }

  private static <T> T fail(String reason) {
    throw new IllegalArgumentException(reason);
  }
}
