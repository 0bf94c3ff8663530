package dev.rr.common.postgres;

import dev.rr.common.input.IdentitySchemaMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL side of the identity mapping: the ordinary and partitioned tables of the
 * connection's current schema (the shard's {@code schemaName}) from {@code pg_catalog}, columns in
 * declared order typed as the writer reads them ({@link PostgresCatalog#parseType}), primary keys
 * in key order.
 */
public final class PostgresIdentitySource {
  /** Primary-key columns of the current schema's tables, in key order. */
  static final String PRIMARY_KEYS =
      "SELECT c.relname, a.attname FROM pg_index i"
          + " JOIN pg_class c ON c.oid = i.indrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)"
          + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
          + " WHERE i.indisprimary AND n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
          + " ORDER BY c.relname, k.position";
  /** The connection's current schema; NULL when its search path names none that exists. */
  static final String CURRENT_SCHEMA = "SELECT current_schema()";

  private PostgresIdentitySource() {}

  /**
   * Adds the current schema's tables to {@code builder}.
   *
   * @throws SQLException when PostgreSQL cannot be read or the search path names no schema
   */
  public static void read(Connection connection, IdentitySchemaMapping.Builder builder)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(CURRENT_SCHEMA);
        ResultSet rows = query.executeQuery()) {
      if (!rows.next() || rows.getString(1) == null) {
        throw new SQLException("the PostgreSQL connection has no current schema: its search path"
            + " (the shard's schemaName) names no schema that exists");
      }
    }
    try (PreparedStatement columns = connection.prepareStatement(PostgresCatalog.COLUMNS);
        ResultSet rows = columns.executeQuery()) {
      while (rows.next()) {
        builder.sourceColumn(rows.getString(1), rows.getString(2),
            PostgresCatalog.parseType(rows.getString(3)));
      }
    }
    Map<String, List<String>> keys = new LinkedHashMap<>();
    try (PreparedStatement primaryKeys = connection.prepareStatement(PRIMARY_KEYS);
        ResultSet rows = primaryKeys.executeQuery()) {
      while (rows.next()) {
        keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
      }
    }
    keys.forEach(builder::sourcePrimaryKey);
  }
}
