package dev.rr.launcher.launch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The privileges the writer needs ({@link ShardCheck#NEEDED}) that the current user lacks on the
 * replicated tables of a PostgreSQL shard's schema (the connection's {@code current_schema()},
 * the shard's {@code schemaName}), as PostgreSQL itself answers them ({@code has_table_privilege}:
 * direct grants, roles and ownership included).
 */
final class PostgresPrivileges {
  /** The user and the schema the writer's statements name tables in. */
  static final String WHO = "SELECT current_user, current_schema()";
  /** One privilege on one table of the current schema; no row when the table does not exist. */
  static final String HAS =
      "SELECT has_table_privilege(c.oid, ?) FROM pg_class c"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = current_schema() AND c.relname = ?";

  private PostgresPrivileges() {}

  /** One sentence per table lacking a privilege, with the {@code GRANT} to run; {@code name} names the shard. */
  static List<String> missing(Connection connection, Collection<String> tables, String name)
      throws SQLException {
    String user;
    String schema;
    try (PreparedStatement statement = connection.prepareStatement(WHO);
        ResultSet row = statement.executeQuery()) {
      row.next();
      user = row.getString(1);
      schema = row.getString(2);
    }
    List<String> problems = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(HAS)) {
      for (String table : tables) {
        List<String> lacking = new ArrayList<>();
        for (String privilege : ShardCheck.NEEDED) {
          statement.setString(1, privilege);
          statement.setString(2, table);
          try (ResultSet row = statement.executeQuery()) {
            // A missing table is a schema mismatch, reported as such.
            if (row.next() && !row.getBoolean(1)) {
              lacking.add(privilege);
            }
          }
        }
        if (!lacking.isEmpty()) {
          problems.add(name + ": " + user + " lacks " + String.join(", ", lacking) + " on "
              + table + "; run: GRANT " + String.join(", ", lacking) + " ON " + quoted(schema)
              + "." + quoted(table) + " TO " + quoted(user) + ";");
        }
      }
    }
    return problems;
  }

  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
