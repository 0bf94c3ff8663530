package dev.rr.writer.snapshot;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.sink.RowStatements;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.sink.ShardDialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What the snapshot's shard side says differently in MySQL and in PostgreSQL - the DDL of its
 * chunk and progress tables, their upsert and "now", the key staging tables of a resync, and how
 * foreign key checks are switched off while chunks load in any order - and nothing else: the
 * protocol ({@link ChunkDao}, {@link LoadProgressDao}, {@link KeyStaging}, {@link ChunkLoader})
 * is shared. Row statements come from the writer's {@link dev.rr.common.sink.ShardDialect}.
 */
public enum SnapshotSql {
  /** MySQL 8 and MariaDB 10.11: backticks, {@code ON DUPLICATE KEY UPDATE}, the database. */
  MYSQL(SourceType.MYSQL, RowStatements.Syntax.MYSQL, "mysql", 64) {
    @Override
    String tablesExist() {
      return "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
          + " AND TABLE_NAME IN (?, ?)";
    }

    @Override
    String now() {
      return "CURRENT_TIMESTAMP(6)";
    }

    @Override
    String microsSince(String column) {
      return "TIMESTAMPDIFF(MICROSECOND, " + column + ", CURRENT_TIMESTAMP(6))";
    }

    @Override
    String upsertClause(List<String> key, List<String> columns) {
      return " ON DUPLICATE KEY UPDATE " + String.join(", ",
          columns.stream().map(c -> c + " = VALUES(" + c + ")").toList());
    }

    @Override
    String insertChunkSuffix() {
      // A duplicate chunk row fails with error 1062 (isDuplicateKey): MySQL keeps the
      // transaction, and INSERT IGNORE would hide other errors too.
      return "";
    }

    @Override
    List<String> createStaging(String staged, String source, List<String> key) {
      String keys = String.join(", ", key.stream().map(this::quote).toList());
      // The source table's own key columns, types and collations: what the loader binds there
      // compares equal here.
      return List.of("CREATE TABLE " + quote(staged) + " (PRIMARY KEY (" + keys + ")) SELECT "
          + keys + " FROM " + quote(source) + " WHERE 1 = 0");
    }

    @Override
    String stageKeys(String staged, List<String> key, int rows) {
      return "INSERT IGNORE INTO " + quote(staged) + keyValues(key, rows);
    }

    @Override
    String sweep(String source, String staged, List<String> key, int limit) {
      // No alias for the deleted table: MariaDB 10.11 takes none in a single-table DELETE.
      return "DELETE FROM " + quote(source) + " WHERE NOT EXISTS (SELECT 1 FROM " + quote(staged)
          + " k WHERE " + match(key, quote(source)) + ") LIMIT " + limit;
    }

    @Override
    public Optional<String> foreignKeysOff(ShardCatalog catalog) {
      return Optional.of("SET SESSION foreign_key_checks = 0");
    }
  },

  /**
   * PostgreSQL 15 and later: double quotes, {@code ON CONFLICT (key) DO UPDATE}, the shard's
   * schema (the connection's search path).
   */
  POSTGRESQL(SourceType.POSTGRESQL, RowStatements.Syntax.POSTGRESQL, "postgresql", 63) {
    @Override
    String tablesExist() {
      return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"
          + " AND table_name IN (?, ?)";
    }

    @Override
    String now() {
      return "CURRENT_TIMESTAMP";
    }

    @Override
    String microsSince(String column) {
      return "CAST(EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - " + column + ")) * 1000000 AS BIGINT)";
    }

    @Override
    String upsertClause(List<String> key, List<String> columns) {
      return " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + String.join(", ",
          columns.stream().map(c -> c + " = EXCLUDED." + c).toList());
    }

    @Override
    String insertChunkSuffix() {
      // A failed statement aborts a PostgreSQL transaction: a chunk row already there is
      // skipped (0 rows inserted), not an error. A concurrent uncommitted one is waited for.
      return " ON CONFLICT DO NOTHING";
    }

    @Override
    List<String> createStaging(String staged, String source, List<String> key) {
      String keys = String.join(", ", key.stream().map(this::quote).toList());
      // CREATE TABLE AS keeps the source key columns' types and collations.
      return List.of("CREATE TABLE " + quote(staged) + " AS SELECT " + keys + " FROM "
              + quote(source) + " WITH NO DATA",
          "ALTER TABLE " + quote(staged) + " ADD PRIMARY KEY (" + keys + ")");
    }

    @Override
    String stageKeys(String staged, List<String> key, int rows) {
      return "INSERT INTO " + quote(staged) + keyValues(key, rows) + " ON CONFLICT DO NOTHING";
    }

    @Override
    String sweep(String source, String staged, List<String> key, int limit) {
      // No DELETE ... LIMIT in PostgreSQL: the batch is picked by row id.
      return "DELETE FROM " + quote(source) + " WHERE ctid IN (SELECT s.ctid FROM " + quote(source)
          + " s WHERE NOT EXISTS (SELECT 1 FROM " + quote(staged) + " k WHERE " + match(key, "s")
          + ") LIMIT " + limit + ")";
    }

    /**
     * Foreign keys are enforced by system triggers, which {@code session_replication_role =
     * replica} skips (as it does ordinary triggers and {@code ON DELETE} actions); a shard
     * without foreign keys needs no such setting, nor the privilege to set it.
     */
    @Override
    public Optional<String> foreignKeysOff(ShardCatalog catalog) {
      boolean any = catalog.foreignKeyParents().values().stream().anyMatch(p -> !p.isEmpty());
      return any ? Optional.of(REPLICA_ROLE) : Optional.empty();
    }
  };

  /** Skips PostgreSQL's foreign key triggers for the session (superuser, or GRANT SET ON PARAMETER). */
  public static final String REPLICA_ROLE = "SET session_replication_role = replica";

  /** Undoes {@link #REPLICA_ROLE}. */
  public static final String DEFAULT_ROLE = "RESET session_replication_role";

  /** PostgreSQL's SQLSTATE for insufficient privilege. */
  static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** MySQL's "duplicate entry for key" error code. */
  private static final int MYSQL_DUPLICATE_KEY = 1062;

  /** PostgreSQL's SQLSTATE for a unique violation. */
  private static final String POSTGRES_UNIQUE_VIOLATION = "23505";

  private final SourceType sourceType;
  private final RowStatements.Syntax syntax;
  private final String ddlDirectory;
  private final int maxIdentifier;

  SnapshotSql(SourceType sourceType, RowStatements.Syntax syntax, String ddlDirectory,
      int maxIdentifier) {
    this.sourceType = sourceType;
    this.syntax = syntax;
    this.ddlDirectory = ddlDirectory;
    this.maxIdentifier = maxIdentifier;
  }

  /** The SQL of shards of type {@code type}. */
  public static SnapshotSql of(SourceType type) {
    return switch (type) {
      case MYSQL -> MYSQL;
      case POSTGRESQL -> POSTGRESQL;
    };
  }

  /** The kind of shard database. */
  public SourceType sourceType() {
    return sourceType;
  }

  /** The writer's dialect of these shards (row statements, catalog, errors). */
  public ShardDialect dialect(ZoneOffset sourceTimezone) {
    return ShardDialects.of(sourceType, sourceTimezone);
  }

  /** The checkpoint table of these shards, as the writer reads and writes it. */
  public CheckpointDao checkpoints() {
    return dialect(ZoneOffset.UTC).checkpoints();
  }

  /** Quotes an identifier this database's way. */
  public String quote(String identifier) {
    return syntax.quote(identifier);
  }

  /** Longest identifier the database takes (bytes; our names are ASCII-prefixed). */
  int maxIdentifier() {
    return maxIdentifier;
  }

  /** The DDL of classpath resource {@code rr/ddl/<database>/<file>}, without a trailing semicolon. */
  String ddl(String file) {
    String resource = "rr/ddl/" + ddlDirectory + "/" + file;
    try (InputStream in = SnapshotSql.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceAll(";$", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** Counts how many of two tables (parameters) exist in the connection's database or schema. */
  abstract String tablesExist();

  /** The server's current time, microsecond precision. */
  abstract String now();

  /** Microseconds from the time in {@code column} to now, a whole number. */
  abstract String microsSince(String column);

  /** The clause that makes an INSERT of {@code key} update {@code columns} (names unquoted). */
  abstract String upsertClause(List<String> key, List<String> columns);

  /** Appended to the chunk row's INSERT. */
  abstract String insertChunkSuffix();

  /** The statements creating the empty key staging table {@code staged} of {@code source}. */
  abstract List<String> createStaging(String staged, String source, List<String> key);

  /** Stages {@code rows} keys; a key staged already is kept. Parameters: the keys, row by row. */
  abstract String stageKeys(String staged, List<String> key, int rows);

  /** Deletes at most {@code limit} rows of {@code source} whose key is not in {@code staged}. */
  abstract String sweep(String source, String staged, List<String> key, int limit);

  /**
   * The session statement that lets chunks load in any order and unstaged rows be deleted in any
   * order, when the shard needs one.
   */
  public abstract Optional<String> foreignKeysOff(ShardCatalog catalog);

  /** True when {@code error} says a row with the same key exists. */
  boolean isDuplicateKey(SQLException error) {
    return this == MYSQL ? error.getErrorCode() == MYSQL_DUPLICATE_KEY
        : POSTGRES_UNIQUE_VIOLATION.equals(error.getSQLState());
  }

  /**
   * Checks, before anything is changed, that the shard's loading sessions may switch its foreign
   * key checks off ({@link #foreignKeysOff}): chunks of a child table may commit before its
   * parent's. MySQL's switch needs no privilege; PostgreSQL's needs superuser or, since
   * PostgreSQL 15, {@code GRANT SET ON PARAMETER session_replication_role}.
   *
   * @throws SnapshotRefusedException naming the shard, its foreign keys and the GRANT to run
   */
  public void requireForeignKeysOff(Connection connection, String shard) throws SQLException {
    if (this == MYSQL) {
      return;
    }
    ShardCatalog catalog = dialect(ZoneOffset.UTC).readCatalog(connection);
    Optional<String> off = foreignKeysOff(catalog);
    if (off.isEmpty()) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(off.get());
      statement.execute(DEFAULT_ROLE);
    } catch (SQLException e) {
      if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
        throw e;
      }
      throw new SnapshotRefusedException("[shard=" + shard + "] has foreign keys "
          + catalog.foreignKeyParents() + ": chunks load in any order, so the loading sessions"
          + " set session_replication_role = replica, which " + connection.getMetaData()
          .getUserName() + " may not (SQLSTATE 42501). Run as an administrator: GRANT SET ON"
          + " PARAMETER session_replication_role TO " + quote(connection.getMetaData()
          .getUserName()) + "; or drop the foreign keys during the load", e);
    }
  }

  String keyValues(List<String> key, int rows) {
    StringBuilder sql = new StringBuilder(" (")
        .append(String.join(", ", key.stream().map(this::quote).toList())).append(") VALUES ");
    String tuple = "(" + String.join(", ", key.stream().map(k -> "?").toList()) + ")";
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(tuple);
    }
    return sql.toString();
  }

  String match(List<String> key, String outer) {
    return String.join(" AND ",
        key.stream().map(c -> "k." + quote(c) + " = " + outer + "." + quote(c)).toList());
  }
}
