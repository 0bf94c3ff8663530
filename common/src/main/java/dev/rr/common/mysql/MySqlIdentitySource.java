package dev.rr.common.mysql;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.input.MySqlColumnTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MySQL side of the identity mapping: the base tables of the connection's current database
 * from {@code information_schema}, columns in declared order, primary keys in key order.
 */
public final class MySqlIdentitySource {
  /** MySQL columns of base tables of the connection's current database. */
  static final String COLUMNS =
      "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE FROM information_schema.COLUMNS c"
          + " JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA"
          + " AND t.TABLE_NAME = c.TABLE_NAME"
          + " WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'"
          + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
  /** The connection's current database; NULL when none was chosen. */
  static final String CURRENT_DATABASE = "SELECT DATABASE()";
  /** MySQL primary-key columns of the current database, in key order. */
  static final String PRIMARY_KEYS =
      "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
          + " WHERE TABLE_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'PRIMARY'"
          + " ORDER BY TABLE_NAME, ORDINAL_POSITION";

  private MySqlIdentitySource() {}

  /**
   * Adds the current database's tables to {@code builder}.
   *
   * @throws SQLException when MySQL cannot be read or the connection has no current database
   */
  public static void read(Connection mysql, IdentitySchemaMapping.Builder builder) throws SQLException {
    checkCurrentDatabase(mysql);
    try (PreparedStatement columns = mysql.prepareStatement(COLUMNS);
        ResultSet rows = columns.executeQuery()) {
      while (rows.next()) {
        builder.sourceColumn(
            rows.getString(1), rows.getString(2), MySqlColumnTypes.parse(rows.getString(3)));
      }
    }
    Map<String, List<String>> keys = new LinkedHashMap<>();
    try (PreparedStatement primaryKeys = mysql.prepareStatement(PRIMARY_KEYS);
        ResultSet rows = primaryKeys.executeQuery()) {
      while (rows.next()) {
        keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
      }
    }
    keys.forEach(builder::sourcePrimaryKey);
  }

  private static void checkCurrentDatabase(Connection mysql) throws SQLException {
    try (PreparedStatement query = mysql.prepareStatement(CURRENT_DATABASE);
        ResultSet rows = query.executeQuery()) {
      if (!rows.next() || rows.getString(1) == null) {
        throw new SQLException(
            "the MySQL connection has no current database: name one in the JDBC URL");
      }
    }
  }
}
