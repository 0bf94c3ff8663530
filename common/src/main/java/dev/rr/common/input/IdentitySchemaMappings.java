package dev.rr.common.input;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import dev.rr.common.schema.SpannerType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link IdentitySchemaMapping} by reading the Spanner database's and the MySQL
 * database's information schemas (base tables only, columns in declared order, MySQL primary
 * keys in key order).
 */
public final class IdentitySchemaMappings {
  /** Spanner columns of base tables; the schema is '' in GoogleSQL and 'public' in PostgreSQL. */
  static final String SPANNER_COLUMNS_GOOGLESQL =
      "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.SPANNER_TYPE FROM INFORMATION_SCHEMA.COLUMNS c"
          + " JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA"
          + " AND t.TABLE_NAME = c.TABLE_NAME"
          + " WHERE c.TABLE_SCHEMA = '' AND t.TABLE_TYPE = 'BASE TABLE'"
          + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
  static final String SPANNER_COLUMNS_POSTGRESQL =
      "SELECT c.table_name, c.column_name, c.spanner_type FROM information_schema.columns c"
          + " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
          + " AND t.table_name = c.table_name"
          + " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
          + " ORDER BY c.table_name, c.ordinal_position";
  /** MySQL columns of base tables of the connection's current database. */
  static final String MYSQL_COLUMNS =
      "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE FROM information_schema.COLUMNS c"
          + " JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA"
          + " AND t.TABLE_NAME = c.TABLE_NAME"
          + " WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'"
          + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
  /** The connection's current database; NULL when none was chosen. */
  static final String MYSQL_CURRENT_DATABASE = "SELECT DATABASE()";
  /** MySQL primary-key columns of the current database, in key order. */
  static final String MYSQL_PRIMARY_KEYS =
      "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
          + " WHERE TABLE_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'PRIMARY'"
          + " ORDER BY TABLE_NAME, ORDINAL_POSITION";

  private IdentitySchemaMappings() {}

  /**
   * Reads both schemas. {@code mysql} must have a current database (the one in its JDBC URL).
   *
   * @throws SQLException when MySQL cannot be read or has no current database
   */
  public static IdentitySchemaMapping fromDatabases(DatabaseClient spanner, Connection mysql)
      throws SQLException {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder();
    String sql = spanner.getDialect() == Dialect.POSTGRESQL
        ? SPANNER_COLUMNS_POSTGRESQL : SPANNER_COLUMNS_GOOGLESQL;
    try (ResultSet rows = spanner.singleUse().executeQuery(Statement.of(sql))) {
      while (rows.next()) {
        builder.spannerColumn(
            rows.getString(0), rows.getString(1), SpannerType.fromInformationSchema(rows.getString(2)));
      }
    }
    checkCurrentDatabase(mysql);
    try (PreparedStatement columns = mysql.prepareStatement(MYSQL_COLUMNS);
        java.sql.ResultSet rows = columns.executeQuery()) {
      while (rows.next()) {
        builder.sourceColumn(
            rows.getString(1), rows.getString(2), MySqlColumnTypes.parse(rows.getString(3)));
      }
    }
    Map<String, List<String>> keys = new LinkedHashMap<>();
    try (PreparedStatement primaryKeys = mysql.prepareStatement(MYSQL_PRIMARY_KEYS);
        java.sql.ResultSet rows = primaryKeys.executeQuery()) {
      while (rows.next()) {
        keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
      }
    }
    keys.forEach(builder::sourcePrimaryKey);
    return builder.build();
  }

  private static void checkCurrentDatabase(Connection mysql) throws SQLException {
    try (PreparedStatement query = mysql.prepareStatement(MYSQL_CURRENT_DATABASE);
        java.sql.ResultSet rows = query.executeQuery()) {
      if (!rows.next() || rows.getString(1) == null) {
        throw new SQLException(
            "the MySQL connection has no current database: name one in the JDBC URL");
      }
    }
  }
}
