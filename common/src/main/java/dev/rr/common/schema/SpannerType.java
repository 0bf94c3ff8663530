package dev.rr.common.schema;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Spanner column type: base name as Spanner spells it (BOOL, INT64, FLOAT32, FLOAT64, NUMERIC,
 * STRING, JSON, BYTES, DATE, TIMESTAMP) and whether it is an ARRAY of that base. A
 * PostgreSQL-dialect database's types get the same names ({@code bigint} is INT64, {@code jsonb}
 * is JSON): see {@link #fromInformationSchema}.
 */
public record SpannerType(String name, boolean array) implements Serializable {
  /**
   * PostgreSQL-dialect type names (and their aliases) by the GoogleSQL name of the same Spanner
   * type. Names absent here ({@code numeric}, {@code date}) are spelled alike in both dialects.
   */
  private static final Map<String, String> POSTGRESQL_NAMES = Map.ofEntries(
      Map.entry("BIGINT", "INT64"),
      Map.entry("INT8", "INT64"),
      Map.entry("BOOLEAN", "BOOL"),
      Map.entry("BYTEA", "BYTES"),
      Map.entry("CHARACTER VARYING", "STRING"),
      Map.entry("VARCHAR", "STRING"),
      Map.entry("TEXT", "STRING"),
      Map.entry("DOUBLE PRECISION", "FLOAT64"),
      Map.entry("FLOAT8", "FLOAT64"),
      Map.entry("REAL", "FLOAT32"),
      Map.entry("FLOAT4", "FLOAT32"),
      Map.entry("DECIMAL", "NUMERIC"),
      Map.entry("JSONB", "JSON"),
      Map.entry("TIMESTAMP WITH TIME ZONE", "TIMESTAMP"),
      Map.entry("TIMESTAMPTZ", "TIMESTAMP"),
      Map.entry("SPANNER.COMMIT_TIMESTAMP", "TIMESTAMP"));

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

  /**
   * The type an information schema's {@code SPANNER_TYPE} column names, in either dialect:
   * GoogleSQL ({@code STRING(MAX)}, {@code ARRAY<INT64>}) or PostgreSQL ({@code character
   * varying(20)}, {@code bigint[]}, {@code timestamp with time zone}). Lengths are dropped.
   */
  public static SpannerType fromInformationSchema(String spannerType) {
    String text = spannerType.strip();
    boolean array = false;
    if (text.toUpperCase(Locale.ROOT).startsWith("ARRAY<") && text.endsWith(">")) {
      array = true;
      text = text.substring("ARRAY<".length(), text.length() - 1).strip();
    } else if (text.endsWith("[]")) {
      array = true;
      text = text.substring(0, text.length() - 2).strip();
    }
    int open = text.indexOf('(');
    String base = (open < 0 ? text : text.substring(0, open)).strip().toUpperCase(Locale.ROOT);
    return new SpannerType(POSTGRESQL_NAMES.getOrDefault(base, base), array);
  }

  @Override
  public String toString() {
    return array ? "ARRAY<" + name + ">" : name;
  }
}
