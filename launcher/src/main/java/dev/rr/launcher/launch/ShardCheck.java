package dev.rr.launcher.launch;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.Shard;
import dev.rr.common.mysql.LiveSchemaCheck;
import dev.rr.common.mysql.SchemaMismatchException;
import dev.rr.common.schema.ResolvedSchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.sink.ShardDialects;
import dev.rr.launcher.mysql.ShardConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks one shard before a launch: it is reachable, its live schema can take the mapping (every
 * mapped table and column exists with a compatible type: the shard dialect's own reading and
 * resolution of the live schema, the writer's, e.g. {@link LiveSchemaCheck} for MySQL), the user
 * holds the privileges the writer needs on the mapped tables, and the checkpoint table exists
 * (created if missing, by the dialect's checkpoint DAO).
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
   * What a check found on one shard.
   *
   * @param problems reachability, privilege and checkpoint-table problems, each a full sentence
   *     naming the shard and what to do
   * @param mismatches ways the shard's schema cannot take the mapping, each naming the shard,
   *     table, column, session type and real type
   */
  public record Findings(List<String> problems, List<String> mismatches) {
    public Findings {
      problems = List.copyOf(problems);
      mismatches = List.copyOf(mismatches);
    }

    /** True when nothing was found. */
    public boolean isEmpty() {
      return problems.isEmpty() && mismatches.isEmpty();
    }
  }

  /**
   * Runs the checks on {@code shard} for {@code mapping}: reachable, every mapped table and
   * column present with a type the mapped values can be written to, privileges (when asked),
   * checkpoint table (created when missing).
   *
   * @param spannerGenerated Spanner columns that are generated, as {@code Table.column}
   */
  public static Findings check(
      Shard shard, SchemaMapping mapping, Set<String> spannerGenerated, boolean privileges) {
    List<String> problems = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    String name = name(shard);
    try (Connection connection = connect(shard)) {
      mismatches.addAll(mismatches(connection, shard, mapping, spannerGenerated));
      if (privileges) {
        problems.addAll(shard.sourceType() == SourceType.POSTGRESQL
            ? PostgresPrivileges.missing(connection, sourceTables(mapping), name)
            : missingPrivileges(connection, shard, sourceTables(mapping), name));
      }
      try {
        dialect(shard).checkpoints().ensureTable(connection);
      } catch (SQLException | RuntimeException e) {
        problems.add(name + ": checkpoint table: " + e.getMessage());
      }
    } catch (SQLException e) {
      problems.add(cannotConnect(shard, e));
    }
    return new Findings(problems, mismatches);
  }

  /**
   * Only the schema cross-check, creating nothing (for {@code --dry-run}).
   *
   * @throws SQLException when the shard cannot be read
   */
  public static List<String> schemaMismatches(
      Shard shard, SchemaMapping mapping, Set<String> spannerGenerated) throws SQLException {
    try (Connection connection = connect(shard)) {
      return mismatches(connection, shard, mapping, spannerGenerated);
    }
  }

  /** Opens a connection to {@code shard}'s database, failing in seconds when unreachable. */
  static Connection connect(Shard shard) throws SQLException {
    return ShardConnections.open(shard);
  }

  /** "cannot connect" as one sentence naming the shard, the endpoint and what to check. */
  static String cannotConnect(Shard shard, SQLException e) {
    return name(shard) + ": cannot connect as " + shard.user() + ": "
        + ShardConnections.whyUnreachable(shard, e);
  }

  /** The mismatches the writer's own resolution of the live schema would stop the shard with. */
  private static List<String> mismatches(Connection connection, Shard shard,
      SchemaMapping mapping, Set<String> spannerGenerated) throws SQLException {
    ShardDialect dialect = dialect(shard);
    try {
      dialect.resolve(ResolvedSchemaMapping.withSpannerGenerated(mapping, spannerGenerated),
          dialect.readCatalog(connection));
      return List.of();
    } catch (SchemaMismatchException e) {
      return e.mismatches().stream()
          .map(mismatch -> "shard " + shard.logicalShardId() + ": " + mismatch).toList();
    }
  }

  /** The shard's dialect; time zones play no part in reading schemas or creating tables. */
  private static ShardDialect dialect(Shard shard) {
    return ShardDialects.of(shard, ZoneOffset.UTC);
  }

  private static List<String> sourceTables(SchemaMapping mapping) {
    return mapping.spannerTables().stream().sorted()
        .map(t -> mapping.forSpannerTable(t).orElseThrow().sourceName()).toList();
  }

  private static String name(Shard shard) {
    return "shard " + shard.logicalShardId() + " (" + shard.host() + ":" + shard.port() + "/"
        + shard.dbName() + ")";
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
