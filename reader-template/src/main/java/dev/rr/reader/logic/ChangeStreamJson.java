package dev.rr.reader.logic;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a row read from Spanner (the Java values {@code SpannerRowValues} gives) in the change
 * stream's JSON encoding, so that a record built from a read is applied exactly like one the
 * stream wrote: INT64 and NUMERIC as strings, FLOAT64 and FLOAT32 as numbers (NaN and infinities
 * as strings), BYTES as base64, DATE as {@code yyyy-mm-dd}, TIMESTAMP as RFC 3339, JSON as a string
 * holding its text, ARRAY as a JSON array, NULL as null. The inverse of {@code SpannerJsonValues}.
 */
public final class ChangeStreamJson {
  private ChangeStreamJson() {}

  /** The columns of {@code row} except {@code leaveOut}, as one JSON object's text. */
  public static String encode(Map<String, Object> row, Set<String> leaveOut) {
    JsonObject json = new JsonObject();
    for (Map.Entry<String, Object> column : row.entrySet()) {
      if (!leaveOut.contains(column.getKey())) {
        json.add(column.getKey(), value(column.getValue()));
      }
    }
    return json.toString();
  }

  /** The members of JSON object {@code base}, each replaced by its value in {@code top} if any. */
  public static String overlay(String base, String top) {
    JsonObject merged = JsonParser.parseString(base).getAsJsonObject().deepCopy();
    for (Map.Entry<String, JsonElement> member : JsonParser.parseString(top).getAsJsonObject().entrySet()) {
      merged.add(member.getKey(), member.getValue());
    }
    return merged.toString();
  }

  /** The names of the members of JSON object {@code json} (e.g. a record's key columns). */
  public static Set<String> names(String json) {
    return JsonParser.parseString(json).getAsJsonObject().keySet();
  }

  private static JsonElement value(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(element -> array.add(value(element)));
      return array;
    }
    if (value instanceof Boolean bool) {
      return new JsonPrimitive(bool);
    }
    if (value instanceof Double number) {
      return floating(number, number.isNaN() || number.isInfinite());
    }
    if (value instanceof Float number) {
      return floating(number, number.isNaN() || number.isInfinite());
    }
    if (value instanceof Long || value instanceof String) {
      return new JsonPrimitive(value.toString());
    }
    if (value instanceof BigDecimal decimal) {
      return new JsonPrimitive(decimal.toPlainString());
    }
    if (value instanceof ByteArray bytes) {
      return new JsonPrimitive(bytes.toBase64());
    }
    if (value instanceof Date || value instanceof Timestamp) {
      return new JsonPrimitive(value.toString());
    }
    throw new IllegalArgumentException("no change-stream JSON for a " + value.getClass().getName());
  }

  private static JsonPrimitive floating(Number number, boolean special) {
    // The stream spells NaN and the infinities as strings, which JSON numbers cannot hold.
    return special ? new JsonPrimitive(number.toString()) : new JsonPrimitive(number);
  }
}
