package dev.rr.common.mysql;

import static dev.rr.common.spannerjson.SpannerJsonScalars.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;

/**
 * Renders Spanner values as JSON documents for MySQL json (and text) columns: INT64, NUMERIC and
 * FLOAT become JSON numbers, JSON values are embedded as documents, everything else a JSON string.
 */
final class JsonArrays {

  private JsonArrays() {}

  /** The array as compact JSON text with typed elements. */
  static String toJsonText(String base, JsonArray array) {
    JsonArray typed = new JsonArray(array.size());
    for (JsonElement element : array) {
      typed.add(element(base, element));
    }
    return typed.toString();
  }

  /** One Spanner value as a JSON element. */
  static JsonElement element(String base, JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return JsonNull.INSTANCE;
    }
    return switch (base) {
      case "INT64", "NUMERIC", "FLOAT32", "FLOAT64" -> number(base, value);
      case "BOOL" -> new JsonPrimitive(SpannerJsonCoercions.bool(value));
      case "JSON" -> document(value);
      default -> new JsonPrimitive(text(value));
    };
  }

  private static JsonElement number(String base, JsonElement value) {
    double asDouble = SpannerJsonCoercions.floating(base, value);
    if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
      throw new IllegalArgumentException("JSON cannot hold NaN or infinity");
    }
    return new JsonPrimitive(SpannerJsonCoercions.decimal(base, value));
  }

  private static JsonElement document(JsonElement value) {
    if (!value.isJsonPrimitive()) {
      return value;
    }
    try {
      return JsonParser.parseString(value.getAsString());
    } catch (JsonSyntaxException e) {
      throw new IllegalArgumentException("not a valid JSON document", e);
    }
  }
}
