package dev.rr.launcher.bench;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Values of benchmark rows: generated from a seeded {@link Random}, encoded as Spanner
 * change-stream JSON (INT64 and NUMERIC as strings, TIMESTAMP as RFC 3339), and reduced to one
 * canonical text per value so that a row read back from MySQL can be compared with the row the
 * workload wrote.
 *
 * <p>A row is a map column -> value, with values Long (BIGINT and INT), String, BigDecimal (scale
 * 2) or Instant (whole microseconds), or null.
 */
final class RowValues {
  /** Canonical text of SQL NULL; no generated text contains it. */
  static final String NULL = "\u0000";

  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ra", "sen", "tu", "vi", "do", "pel", "an", "qui", "zo", "ber", "ni", "sa"
  };
  private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
  private static final String[] STATUSES = {"new", "paid", "packed", "shipped", "delivered"};
  private static final String[] EVENT_KINDS = {
    "created", "payment_captured", "label_printed", "handed_over", "out_for_delivery"
  };
  private static final DateTimeFormatter CANONICAL_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private RowValues() {}

  /**
   * A full row of {@code table} with the given key values (in key order) and fresh non-key values;
   * time values are {@code now} plus up to a millisecond, truncated to {@code precision}.
   */
  static Map<String, Object> row(
      BenchTable table, List<Long> key, Random random, Instant now, ChronoUnit precision) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < table.primaryKey().size(); i++) {
      row.put(table.primaryKey().get(i), key.get(i));
    }
    for (BenchColumn column : table.columns()) {
      if (!table.isKey(column)) {
        row.put(column.name(), value(table, column, random, now, precision));
      }
    }
    return row;
  }

  private static Object value(
      BenchTable table, BenchColumn column, Random random, Instant now, ChronoUnit precision) {
    if (column.nullable() && random.nextInt(10) == 0) {
      return null;
    }
    return switch (column.kind()) {
      case BIGINT -> (long) random.nextInt(1_000_000);
      case INT -> (long) (1 + random.nextInt(20));
      case MONEY -> BigDecimal.valueOf(random.nextInt(10_000_000), 2);
      case TIME -> now.plusNanos(1000L * random.nextInt(1000)).truncatedTo(precision);
      case TEXT -> text(table.name() + "." + column.name(), column.length(), random);
    };
  }

  private static String text(String column, int maxLength, Random random) {
    return switch (column) {
      case "customers.tier" -> pick(TIERS, random);
      case "orders.status" -> pick(STATUSES, random);
      case "order_events.kind" -> pick(EVENT_KINDS, random);
      case "customers.email" -> words(random, 12 + random.nextInt(10), "") + "@example.com";
      case "customers.name" -> words(random, 10 + random.nextInt(14), " ");
      default -> words(random, maxLength * 2 / 3 + random.nextInt(maxLength / 3), " ");
    };
  }

  private static String words(Random random, int length, String separator) {
    StringBuilder text = new StringBuilder(length + 8);
    int wordLength = 0;
    while (text.length() < length) {
      if (wordLength > 4 && random.nextInt(3) == 0 && !separator.isEmpty()) {
        text.append(separator);
        wordLength = 0;
      }
      String syllable = pick(SYLLABLES, random);
      text.append(syllable);
      wordLength += syllable.length();
    }
    return text.substring(0, length).strip();
  }

  private static String pick(String[] values, Random random) {
    return values[random.nextInt(values.length)];
  }

  /** The row's values of {@code columns} as a change-stream JSON object. */
  static String spannerJson(Map<String, Object> row, List<String> columns) {
    JsonObject json = new JsonObject();
    for (String column : columns) {
      Object value = row.get(column);
      if (value == null) {
        json.add(column, com.google.gson.JsonNull.INSTANCE);
      } else if (value instanceof Instant instant) {
        json.addProperty(column, instant.toString());
      } else if (value instanceof BigDecimal decimal) {
        json.addProperty(column, decimal.toPlainString());
      } else {
        // INT64 travels as a JSON string in change records, like STRING.
        json.addProperty(column, value.toString());
      }
    }
    return json.toString();
  }

  /** The canonical text of {@code value}, a value of a column of {@code kind}. */
  static String canonical(BenchColumn.Kind kind, Object value) {
    if (value == null) {
      return NULL;
    }
    return switch (kind) {
      case BIGINT, INT -> Long.toString(((Number) value).longValue());
      case TEXT -> value.toString();
      case MONEY -> ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
      case TIME ->
          CANONICAL_TIME.format(
              value instanceof Instant instant
                  ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
                  : (LocalDateTime) value);
    };
  }

  /** The canonical key text of a row: its key values' canonical texts joined by {@code |}. */
  static String keyText(BenchTable table, Map<String, Object> row) {
    StringBuilder key = new StringBuilder();
    for (String column : table.primaryKey()) {
      key.append(key.length() == 0 ? "" : "|").append(row.get(column));
    }
    return key.toString();
  }

  /** A 64-bit FNV-1a digest of a row's canonical values, in column order. */
  static long digest(BenchTable table, Map<String, Object> row) {
    long hash = 0xcbf29ce484222325L;
    for (BenchColumn column : table.columns()) {
      String text = canonical(column.kind(), row.get(column.name()));
      for (int i = 0; i < text.length(); i++) {
        hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
      }
      // A separator, so that ("ab", "c") and ("a", "bc") differ.
      hash = (hash ^ 0x1f) * 0x100000001b3L;
    }
    return hash;
  }

  /** Bytes of the row's values as MySQL stores them roughly: 8 per number, text length. */
  static int valueBytes(Map<String, Object> row) {
    int bytes = 0;
    for (Object value : row.values()) {
      bytes += value instanceof String text ? text.length() : value == null ? 0 : 8;
    }
    return bytes;
  }
}
