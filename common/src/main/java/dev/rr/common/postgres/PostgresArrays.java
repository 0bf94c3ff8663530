package dev.rr.common.postgres;

import com.google.gson.JsonElement;
import dev.rr.common.mysql.SpannerJsonCoercions;
import dev.rr.common.mysql.SqlArray;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spanner ARRAY values for PostgreSQL array columns ({@code integer[]}, {@code text[]}...): which
 * pairs are written, and each array as an {@link SqlArray} of the column's element type whose
 * elements are converted one by one exactly as a scalar of that type (the same range and length
 * checks), then given in the type's text input form. One-dimensional arrays only, as Spanner's.
 * Public for {@code rr verify}, which compares arrays element by element.
 */
public final class PostgresArrays {
  /** Element type names in {@code pg_type}, by the name {@code format_type} prints. */
  static final Map<String, String> ELEMENT_TYPES = Map.ofEntries(
      Map.entry("smallint", "int2"), Map.entry("integer", "int4"), Map.entry("bigint", "int8"),
      Map.entry("numeric", "numeric"), Map.entry("real", "float4"),
      Map.entry("double precision", "float8"), Map.entry("boolean", "bool"),
      Map.entry("text", "text"), Map.entry("character varying", "varchar"),
      Map.entry("character", "bpchar"), Map.entry("bytea", "bytea"), Map.entry("date", "date"),
      Map.entry("timestamp without time zone", "timestamp"),
      Map.entry("timestamp with time zone", "timestamptz"),
      Map.entry("time without time zone", "time"), Map.entry("json", "json"),
      Map.entry("jsonb", "jsonb"), Map.entry("uuid", "uuid"));

  private static final Set<String> NUMBERS = Set.of("INT64", "NUMERIC", "FLOAT64", "FLOAT32");
  private static final Set<String> TEXT = Set.of("text", "character varying", "character");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

  /** Converts one element (never JSON null) as a scalar of the element type. */
  @FunctionalInterface
  interface ElementConverter {
    Object convert(String base, SourceType elementType, JsonElement element);
  }

  private PostgresArrays() {}

  /** True for an array column type ({@code integer[]}). */
  public static boolean isArray(SourceType type) {
    return type.name().endsWith("[]");
  }

  /** The element type of array type {@code type}, with its modifiers. */
  public static SourceType elementType(SourceType type) {
    String name = type.name();
    return new SourceType(name.substring(0, name.length() - 2).trim(), type.mods(), false);
  }

  /** True when arrays of {@code type} are written: an array of a written scalar type. */
  static boolean supports(SourceType type) {
    return isArray(type) && ELEMENT_TYPES.containsKey(elementType(type).name());
  }

  /**
   * Why Spanner column type {@code spanner} cannot be written to a column of {@code type}, when
   * one of them is an array: both must be arrays, of element types whose values convert.
   */
  static Optional<String> problem(SpannerType spanner, SourceType type) {
    if (spanner.array() != isArray(type)) {
      return Optional.of(spanner.array()
          ? "a Spanner ARRAY is written to a PostgreSQL array column only"
          : "a PostgreSQL array column takes a Spanner ARRAY column only");
    }
    String base = SpannerJsonCoercions.baseType(spanner);
    String element = elementType(type).name();
    boolean accepted = switch (element) {
      case "smallint", "integer", "bigint", "numeric" -> NUMBERS.contains(base)
          || base.equals("BOOL") || base.equals("STRING");
      case "real", "double precision" -> NUMBERS.contains(base) || base.equals("STRING");
      case "boolean" -> base.equals("BOOL");
      case "bytea" -> base.equals("BYTES");
      case "date" -> base.equals("DATE");
      case "timestamp without time zone", "timestamp with time zone" -> base.equals("TIMESTAMP");
      case "time without time zone", "uuid" -> base.equals("STRING");
      case "json", "jsonb" -> base.equals("JSON") || base.equals("STRING");
      default -> TEXT.contains(element);
    };
    return accepted ? Optional.empty()
        : Optional.of("ARRAY<" + base + "> elements cannot be written to " + type.name().replace("[]", "")
            + " elements");
  }

  /** {@code value} (a JSON array) as an array of {@code type}'s elements. */
  static SqlArray convert(String base, SourceType type, JsonElement value, ElementConverter converter) {
    if (!value.isJsonArray()) {
      throw new IllegalArgumentException("expected a JSON array for an array column");
    }
    SourceType elementType = elementType(type);
    List<String> elements = new ArrayList<>(value.getAsJsonArray().size());
    int index = 0;
    for (JsonElement element : value.getAsJsonArray()) {
      index++;
      if (element.isJsonNull()) {
        elements.add(null);
        continue;
      }
      try {
        elements.add(text(converter.convert(base, elementType, element)));
      } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
          | DateTimeException e) {
        throw new IllegalArgumentException("element " + index + " (" + element + "): " + e.getMessage(), e);
      }
    }
    return new SqlArray(ELEMENT_TYPES.get(elementType.name()), elements);
  }

  /** A converted scalar in its type's text input form (timestamptz values are in UTC). */
  static String text(Object value) {
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    } else if (value instanceof byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    } else if (value instanceof LocalDateTime dateTime) {
      return DATE_TIME.format(dateTime);
    } else if (value instanceof OffsetDateTime dateTime) {
      return DATE_TIME.format(dateTime) + "+00";
    } else if (value instanceof LocalTime time) {
      return TIME.format(time);
    } else if (value instanceof LocalDate date) {
      return date.toString();
    }
    // Long, Double (NaN, Infinity and -Infinity are PostgreSQL's spellings too), Boolean, String, UUID.
    return value.toString();
  }
}
