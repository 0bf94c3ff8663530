package dev.rr.common.input;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.sink.ShardDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;

/**
 * Builds an {@link IdentitySchemaMapping} by reading the Spanner database's information schema
 * and the shard's catalog through its {@link ShardDialect} (base tables only, columns in declared
 * order, primary keys in key order).
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

  private IdentitySchemaMappings() {}

  /**
   * Reads both schemas, the shard's through {@code dialect} (MySQL: the connection's current
   * database; PostgreSQL: its current schema).
   *
   * @throws SQLException when the shard cannot be read or has no current database or schema
   */
  public static IdentitySchemaMapping fromDatabases(DatabaseClient spanner, Connection shard,
      ShardDialect dialect) throws SQLException {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder();
    String sql = spanner.getDialect() == Dialect.POSTGRESQL
        ? SPANNER_COLUMNS_POSTGRESQL : SPANNER_COLUMNS_GOOGLESQL;
    try (ResultSet rows = spanner.singleUse().executeQuery(Statement.of(sql))) {
      while (rows.next()) {
        builder.spannerColumn(
            rows.getString(0), rows.getString(1), SpannerType.fromInformationSchema(rows.getString(2)));
      }
    }
    dialect.readIdentitySource(shard, builder);
    return builder.build();
  }

  /**
   * Reads both schemas of a MySQL shard. {@code mysql} must have a current database (the one in
   * its JDBC URL).
   *
   * @throws SQLException when MySQL cannot be read or has no current database
   */
  public static IdentitySchemaMapping fromDatabases(DatabaseClient spanner, Connection mysql)
      throws SQLException {
    return fromDatabases(spanner, mysql, new MySqlDialect(ZoneOffset.UTC));
  }
}
