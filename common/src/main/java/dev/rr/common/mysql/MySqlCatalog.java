package dev.rr.common.mysql;

import dev.rr.common.sink.ShardCatalog;
import dev.rr.common.sink.ShardCatalog.StoredColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a MySQL shard's {@link ShardCatalog} from {@code information_schema} of its database. */
public final class MySqlCatalog {
  private static final String FOREIGN_KEYS =
      "SELECT TABLE_NAME, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE"
          + " WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_SCHEMA = DATABASE()"
          + " AND REFERENCED_TABLE_NAME IS NOT NULL";
  private static final String UNIQUE_SECONDARY =
      "SELECT DISTINCT TABLE_NAME FROM information_schema.STATISTICS"
          + " WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY'";
  /**
   * Stored columns in table order: MySQL 8 has an empty generation expression for them, MariaDB
   * NULL.
   */
  private static final String STORED_COLUMNS =
      "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
          + " WHERE TABLE_SCHEMA = DATABASE()"
          + " AND (GENERATION_EXPRESSION IS NULL OR GENERATION_EXPRESSION = '')"
          + " ORDER BY TABLE_NAME, ORDINAL_POSITION";

  private MySqlCatalog() {}

  /** The whole catalog of the connection's current database. */
  public static ShardCatalog read(Connection connection) throws SQLException {
    return new ShardCatalog(foreignKeyParents(connection), uniqueTables(connection),
        TemporalPrecisions.load(connection), LiveSchema.load(connection), false);
  }

  /** Table -> tables its foreign keys reference. */
  public static Map<String, Set<String>> foreignKeyParents(Connection connection)
      throws SQLException {
    Map<String, Set<String>> parents = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        parents.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(rows.getString(2));
      }
    }
    return parents;
  }

  /** Table with a UNIQUE secondary index -> its stored columns in table order. */
  public static Map<String, List<StoredColumnType>> uniqueTables(Connection connection)
      throws SQLException {
    Set<String> unique = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(UNIQUE_SECONDARY);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        unique.add(rows.getString(1));
      }
    }
    Map<String, List<StoredColumnType>> uniqueTables = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(STORED_COLUMNS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        if (unique.contains(rows.getString(1))) {
          uniqueTables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
              .add(new StoredColumnType(rows.getString(2), rows.getString(3)));
        }
      }
    }
    return uniqueTables;
  }
}
