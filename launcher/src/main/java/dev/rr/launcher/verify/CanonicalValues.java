package dev.rr.launcher.verify;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Type;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.rr.common.schema.SourceType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a Spanner value and a MySQL value of the same mapped column into the same canonical
 * string when they hold equal data: numbers without trailing zeros, times as local date-times in
 * the source time zone at the column's fractional precision, bytes as hex, JSON with sorted keys,
 * NULL as a marker no text value can take.
 */
public final class CanonicalValues {
  /** The canonical form of SQL NULL. */
  public static final String NULL = "\u0000NULL";

  private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "middleint",
      "int", "integer", "bigint", "bool", "boolean", "decimal", "numeric", "dec", "fixed", "year");
  private static final Set<String> DATETIME = Set.of("datetime", "timestamp");
  private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob",
      "mediumblob", "longblob");
  private static final DateTimeFormatter MYSQL_DATETIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  private final ZoneOffset sourceTimezone;

  public CanonicalValues(ZoneOffset sourceTimezone) {
    this.sourceTimezone = sourceTimezone;
  }

  /** The canonical form of column {@code column} of a Spanner row, for a MySQL column of {@code target}. */
  public String spanner(Struct row, String column, SourceType target) {
    if (row.isNull(column)) {
      return NULL;
    }
    Type type = row.getColumnType(column);
    String family = target.name();
    return switch (type.getCode()) {
      case BOOL -> row.getBoolean(column) ? "1" : "0";
      case INT64 -> Long.toString(row.getLong(column));
      case FLOAT32 -> Float.toString(row.getFloat(column));
      case FLOAT64 -> family.equals("float")
          ? Float.toString((float) row.getDouble(column)) : Double.toString(row.getDouble(column));
      case NUMERIC -> number(row.getBigDecimal(column).toPlainString());
      case PG_NUMERIC -> number(row.getString(column));
      case STRING -> text(row.getString(column), family);
      case JSON -> json(row.getJson(column));
      case PG_JSONB -> json(row.getPgJsonb(column));
      case BYTES -> bytes(row.getBytes(column), family);
      case DATE -> row.getDate(column).toString();
      case TIMESTAMP -> timestamp(row.getTimestamp(column), target);
      case ARRAY -> json(arrayJson(row, column, type.getArrayElementType()).toString());
      default -> row.getValue(column).toString();
    };
  }

  /** The canonical form of column {@code index} (1-based) of a MySQL row of type {@code type}. */
  public String mysql(ResultSet rows, int index, SourceType type) throws SQLException {
    String family = type.name();
    if (family.equals("bit")) {
      byte[] raw = rows.getBytes(index);
      return raw == null ? NULL : new BigInteger(1, raw).toString();
    }
    if (BINARY.contains(family)) {
      byte[] raw = rows.getBytes(index);
      return raw == null ? NULL : HexFormat.of().formatHex(raw);
    }
    String text = rows.getString(index);
    if (text == null) {
      return NULL;
    }
    if (NUMERIC.contains(family)) {
      return number(text);
    }
    if (family.equals("float")) {
      return Float.toString(Float.parseFloat(text));
    }
    if (family.equals("double") || family.equals("real") || family.equals("double precision")) {
      return Double.toString(Double.parseDouble(text));
    }
    if (family.equals("json")) {
      return json(text);
    }
    if (DATETIME.contains(family)) {
      return datetime(LocalDateTime.parse(text, MYSQL_DATETIME), type);
    }
    return text;
  }

  private static String text(String value, String family) {
    if (NUMERIC.contains(family)) {
      return number(value);
    }
    return family.equals("json") ? json(value) : value;
  }

  private static String bytes(ByteArray value, String family) {
    byte[] raw = value.toByteArray();
    if (family.equals("bit")) {
      return new BigInteger(1, raw).toString();
    }
    if (BINARY.contains(family)) {
      return HexFormat.of().formatHex(raw);
    }
    return new String(raw, StandardCharsets.UTF_8);
  }

  private String timestamp(Timestamp value, SourceType target) {
    LocalDateTime local = LocalDateTime.ofEpochSecond(
        value.getSeconds(), value.getNanos(), sourceTimezone);
    return DATETIME.contains(target.name()) ? datetime(local, target) : local.toString();
  }

  /** yyyy-MM-ddTHH:mm:ss.ffffff cut to the column's fractional digits (MySQL keeps at most 6). */
  private static String datetime(LocalDateTime value, SourceType type) {
    int digits = type.mods().isEmpty() ? 0 : (int) Math.min(6, Math.max(0, type.mods().get(0)));
    long unit = (long) Math.pow(10, 9 - digits);
    LocalDateTime cut = value.withNano((int) (value.getNano() / unit * unit));
    return cut.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  /** A decimal number without trailing zeros ({@code 1.50} -> {@code 1.5}, {@code 0.0} -> 0). */
  static String number(String value) {
    try {
      BigDecimal number = new BigDecimal(value.trim()).stripTrailingZeros();
      return number.signum() == 0 ? "0" : number.toPlainString();
    } catch (NumberFormatException e) {
      return value;
    }
  }

  /** JSON re-serialized with object keys sorted, so formatting and key order do not matter. */
  static String json(String value) {
    try {
      return sorted(JsonParser.parseString(value)).toString();
    } catch (RuntimeException e) {
      return value;
    }
  }

  private static JsonElement sorted(JsonElement element) {
    if (element.isJsonObject()) {
      Map<String, JsonElement> byKey = new TreeMap<>();
      element.getAsJsonObject().entrySet().forEach(e -> byKey.put(e.getKey(), sorted(e.getValue())));
      JsonObject result = new JsonObject();
      byKey.forEach(result::add);
      return result;
    }
    if (element.isJsonArray()) {
      JsonArray result = new JsonArray();
      element.getAsJsonArray().forEach(e -> result.add(sorted(e)));
      return result;
    }
    if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
      return new JsonPrimitive(new BigDecimal(element.getAsString()).stripTrailingZeros());
    }
    return element;
  }

  private static JsonArray arrayJson(Struct row, String column, Type elementType) {
    JsonArray array = new JsonArray();
    List<?> values = switch (elementType.getCode()) {
      case BOOL -> row.getBooleanList(column);
      case INT64 -> row.getLongList(column);
      case FLOAT64 -> row.getDoubleList(column);
      case NUMERIC -> row.getBigDecimalList(column);
      case DATE -> row.getDateList(column);
      case TIMESTAMP -> row.getTimestampList(column);
      case JSON -> row.getJsonList(column);
      default -> row.getStringList(column);
    };
    for (Object value : values) {
      if (value == null) {
        array.add((JsonElement) null);
      } else if (value instanceof Boolean b) {
        array.add(b);
      } else if (value instanceof Number n) {
        array.add(n);
      } else if (value instanceof Date || value instanceof Timestamp) {
        array.add(value.toString());
      } else {
        array.add(value.toString());
      }
    }
    return array;
  }
}
