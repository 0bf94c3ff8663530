package dev.rr.launcher.launch;

import dev.rr.common.input.Shard;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks one shard before a launch: it is reachable, every mapped table exists, the user holds
 * the privileges the writer needs on them, and the checkpoint table exists (created if missing).
 */
public final class ShardCheck {
  /** Privileges the writer needs on every replicated table. */
  static final List<String> NEEDED = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

  private static final String GRANTEE =
      "SELECT CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"
          + " SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";
  private static final String GLOBAL_AND_SCHEMA =
      "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?"
          + " UNION SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES"
          + " WHERE GRANTEE = ? AND TABLE_SCHEMA = ?";
  private static final String TABLE =
      "SELECT PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES"
          + " WHERE GRANTEE = ? AND TABLE_SCHEMA = ? AND TABLE_NAME = ?";

  private ShardCheck() {}

  /**
   * Runs the checks on {@code shard} for {@code sourceTables}.
   *
   * @return problems found, each a full sentence naming the shard and what to do; empty when fine
   */
  public static List<String> check(Shard shard, Collection<String> sourceTables, boolean privileges) {
    List<String> problems = new ArrayList<>();
    String name = "shard " + shard.logicalShardId() + " (" + shard.host() + ":" + shard.port() + "/"
        + shard.dbName() + ")";
    try (Connection connection = DriverManager.getConnection(shard.jdbcUrl(), shard.jdbcProperties())) {
      for (String table : sourceTables) {
        if (!tableExists(connection, table)) {
          problems.add(name + ": table " + table + " does not exist");
        }
      }
      if (privileges) {
        problems.addAll(missingPrivileges(connection, shard, sourceTables, name));
      }
      try {
        new CheckpointDao().ensureTable(connection);
      } catch (SQLException | RuntimeException e) {
        problems.add(name + ": checkpoint table: " + e.getMessage());
      }
    } catch (SQLException e) {
      problems.add(name + ": cannot connect as " + shard.user() + ": " + e.getMessage());
    }
    return problems;
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1 FROM `" + table.replace("`", "``") + "` LIMIT 0").close();
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) {
        return false;
      }
      throw e;
    }
  }

  private static List<String> missingPrivileges(Connection connection, Shard shard,
      Collection<String> tables, String name) throws SQLException {
    String grantee;
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(GRANTEE)) {
      row.next();
      grantee = row.getString(1);
    }
    Set<String> broad = privileges(connection, GLOBAL_AND_SCHEMA, grantee, grantee, shard.dbName());
    List<String> problems = new ArrayList<>();
    for (String table : tables) {
      Set<String> held = new HashSet<>(broad);
      held.addAll(privileges(connection, TABLE, grantee, shard.dbName(), table));
      List<String> missing = NEEDED.stream().filter(p -> !held.contains(p) && !held.contains("ALL PRIVILEGES")).toList();
      if (!missing.isEmpty()) {
        problems.add(name + ": " + grantee + " lacks " + String.join(", ", missing) + " on " + table
            + "; run: GRANT " + String.join(", ", missing) + " ON `" + shard.dbName() + "`.`" + table
            + "` TO " + grantee + ";");
      }
    }
    return problems;
  }

  private static Set<String> privileges(Connection connection, String sql, String... params)
      throws SQLException {
    Set<String> result = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(rows.getString(1).toUpperCase(Locale.ROOT));
        }
      }
    }
    return result;
  }
}
