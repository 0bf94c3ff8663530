package dev.rr.common.mysql;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The fractional-second digits of a shard database's DATETIME, TIMESTAMP and TIME columns, as the
 * live schema declares them ({@code information_schema.COLUMNS.DATETIME_PRECISION}): 0 for a
 * plain {@code datetime}, 3 for {@code datetime(3)}... A session file cannot be trusted for
 * them: the Spanner migration tool records no modifier for {@code datetime(6)} either. Table and
 * column names are matched case-insensitively.
 */
public final class TemporalPrecisions implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String QUERY =
      "SELECT TABLE_NAME, COLUMN_NAME, DATETIME_PRECISION FROM information_schema.COLUMNS"
          + " WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('datetime', 'timestamp', 'time')"
          + " AND DATETIME_PRECISION IS NOT NULL";

  private static final TemporalPrecisions NONE = new TemporalPrecisions(Map.of());

  /** "table.column" in lower case -> digits. */
  private final Map<String, Integer> digits;

  private TemporalPrecisions(Map<String, Integer> digits) {
    this.digits = Map.copyOf(digits);
  }

  /** Nothing known: every column's precision comes from its mapped type. */
  public static TemporalPrecisions none() {
    return NONE;
  }

  /** The precisions of the connection's current database. */
  public static TemporalPrecisions load(Connection connection) throws SQLException {
    Map<String, Integer> digits = new HashMap<>();
    try (PreparedStatement statement = SqlStatement.of(QUERY).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        digits.put(key(rows.getString(1), rows.getString(2)), rows.getInt(3));
      }
    }
    return new TemporalPrecisions(digits);
  }

  /** Precisions from their parts: "table.column" -> digits. */
  public static TemporalPrecisions of(Map<String, Integer> byTableDotColumn) {
    Map<String, Integer> digits = new HashMap<>();
    byTableDotColumn.forEach((name, value) -> digits.put(name.toLowerCase(Locale.ROOT), value));
    return new TemporalPrecisions(digits);
  }

  /** The fractional digits of {@code table.column}, when the live schema gave them. */
  public OptionalInt digits(String table, String column) {
    Integer value = digits.get(key(table, column));
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static String key(String table, String column) {
    return (table + "." + column).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "TemporalPrecisions" + digits;
  }
}
