package dev.rr.common.mysql;

import dev.rr.common.input.MySqlColumnTypes;
import dev.rr.common.schema.SourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables and columns of one shard database as its live schema declares them, read once from
 * {@code information_schema.COLUMNS} (base tables of the connection's current database). This,
 * not the session file, is the truth for how values are converted: a session may say {@code
 * tinyint(4)} where the column is {@code tinyint unsigned}. Table and column names are matched
 * case-insensitively, as {@link TemporalPrecisions} does.
 */
public final class LiveSchema {
  /**
   * Columns of base tables. A stored column has an empty generation expression on MySQL 8 and a
   * NULL one on MariaDB; {@code EXTRA} names VIRTUAL / STORED GENERATED on both.
   */
  static final String COLUMNS =
      "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE,"
          + " COALESCE(c.GENERATION_EXPRESSION, '') <> '' OR c.EXTRA LIKE '%GENERATED%'"
          + " FROM information_schema.COLUMNS c"
          + " JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA"
          + " AND t.TABLE_NAME = c.TABLE_NAME"
          + " WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'"
          + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";

  /** Lower-case table name -> lower-case column name -> column, in declared order. */
  private final Map<String, Map<String, LiveColumn>> tables;

  private LiveSchema(Map<String, Map<String, LiveColumn>> tables) {
    this.tables = tables;
  }

  /** Reads the schema of the connection's current database. */
  public static LiveSchema load(Connection connection) throws SQLException {
    Map<String, Map<String, LiveColumn>> tables = new LinkedHashMap<>();
    try (PreparedStatement statement = SqlStatement.of(COLUMNS).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        add(tables, new LiveColumn(rows.getString(1), rows.getString(2), rows.getString(3),
            parse(rows.getString(3)), rows.getBoolean(4)));
      }
    }
    return new LiveSchema(tables);
  }

  /** A schema of {@code columns} (tests, and callers that read the schema otherwise). */
  public static LiveSchema of(Collection<LiveColumn> columns) {
    Map<String, Map<String, LiveColumn>> tables = new LinkedHashMap<>();
    columns.forEach(column -> add(tables, column));
    return new LiveSchema(tables);
  }

  /** True when the database has base table {@code table}. */
  public boolean hasTable(String table) {
    return tables.containsKey(lower(table));
  }

  /** Column {@code column} of table {@code table}, if both exist. */
  public Optional<LiveColumn> column(String table, String column) {
    return Optional.ofNullable(tables.getOrDefault(lower(table), Map.of()).get(lower(column)));
  }

  /** The columns of {@code table} in declared order; empty when there is no such table. */
  public Collection<LiveColumn> columns(String table) {
    return tables.getOrDefault(lower(table), Map.of()).values();
  }

  private static void add(Map<String, Map<String, LiveColumn>> tables, LiveColumn column) {
    tables.computeIfAbsent(lower(column.table()), t -> new LinkedHashMap<>())
        .put(lower(column.name()), column);
  }

  /** The parsed type, or null for a type text outside the grammar (it is reported, not thrown). */
  private static SourceType parse(String columnType) {
    try {
      return MySqlColumnTypes.parse(columnType);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
