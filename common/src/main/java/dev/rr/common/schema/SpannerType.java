package dev.rr.common.schema;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * A Spanner column type: base name as Spanner spells it (BOOL, INT64, FLOAT32, FLOAT64, NUMERIC,
 * STRING, JSON, BYTES, DATE, TIMESTAMP) and whether it is an ARRAY of that base.
 */
public record SpannerType(String name, boolean array) implements Serializable {
  public SpannerType {
    Objects.requireNonNull(name, "name");
    name = name.toUpperCase(Locale.ROOT);
  }

  public static SpannerType of(String name) {
    return new SpannerType(name, false);
  }

  public static SpannerType arrayOf(String name) {
    return new SpannerType(name, true);
  }

  @Override
  public String toString() {
    return array ? "ARRAY<" + name + ">" : name;
  }
}
