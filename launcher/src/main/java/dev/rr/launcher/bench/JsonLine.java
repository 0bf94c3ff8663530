package dev.rr.launcher.bench;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one machine-readable line a benchmark prints: a flat JSON object starting with {@code
 * "bench"}, numbers rounded to 3 decimals, missing figures as {@code null}. Scripts pick it with
 * {@code grep '^{'}.
 */
final class JsonLine {
  private final JsonObject json = new JsonObject();

  JsonLine(String bench) {
    json.addProperty("bench", bench);
  }

  JsonLine put(String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      json.add(name, JsonNull.INSTANCE);
    } else {
      // Plain notation: 1000, not 1E+3.
      String plain =
          BigDecimal.valueOf(value)
              .setScale(3, RoundingMode.HALF_EVEN)
              .stripTrailingZeros()
              .toPlainString();
      json.addProperty(name, new BigDecimal(plain));
    }
    return this;
  }

  JsonLine put(String name, long value) {
    json.addProperty(name, value);
    return this;
  }

  JsonLine put(String name, String value) {
    json.addProperty(name, value);
    return this;
  }

  JsonLine put(String name, boolean value) {
    json.addProperty(name, value);
    return this;
  }

  JsonLine putNull(String name) {
    json.add(name, JsonNull.INSTANCE);
    return this;
  }

  JsonLine put(String name, com.google.gson.JsonElement value) {
    json.add(name, value);
    return this;
  }

  /** The number {@code value} rounded like the line's numbers, for nested objects. */
  static com.google.gson.JsonElement number(double value) {
    return new JsonLine("").put("n", value).json.get("n");
  }

  JsonObject json() {
    return json;
  }

  void print(PrintWriter out) {
    out.println(json);
    out.flush();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
