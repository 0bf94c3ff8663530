package dev.rr.common.mysql.checkpoint;

import com.google.cloud.Timestamp;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@link Checkpoint}s in table {@value #TABLE} of the shard's own database.
 *
 * <p>The checkpoint only ever moves forward, under any isolation level the server runs:
 *
 * <ol>
 *   <li>{@link #ensureRow} creates the shard's row, meaning "nothing applied", in a transaction of
 *       its own before the writer applies anything. {@code SELECT ... FOR UPDATE} locks only a
 *       row that exists: without one, two writers (under READ COMMITTED, which takes no gap
 *       locks) would both apply the shard's first transaction.
 *   <li>{@link #readForUpdate} at the start of each applying transaction locks the row.
 *   <li>{@link #advance}, inside that transaction, moves it from the checkpoint read to a later
 *       one with a compare-and-set {@code UPDATE}: when the row no longer holds the checkpoint
 *       read, nothing changes and {@link CheckpointConflictException} tells the caller to roll
 *       back.
 * </ol>
 *
 * <p>Every method except {@link #ensureRow} uses the caller's transaction and never commits.
 */
public final class CheckpointDao implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The checkpoint table. */
  public static final String TABLE = "rr_replication_checkpoint";

  /** Classpath resource (module metadata-ddl) holding the table's DDL. */
  public static final String DDL_RESOURCE = "rr/ddl/mysql/checkpoint.sql";

  /** The table's DDL for PostgreSQL shards (created in the shard's schema, its search_path). */
  public static final String POSTGRES_DDL_RESOURCE = "rr/ddl/postgresql/checkpoint.sql";

  /** The statements that differ between the databases; the protocol is shared. */
  public enum Flavor {
    /** MySQL 8 and MariaDB. */
    MYSQL(DDL_RESOURCE, " ON DUPLICATE KEY UPDATE " + RUN_ID + " = " + RUN_ID,
        "SELECT COUNT(*) FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
        "CURRENT_TIMESTAMP(6)"),
    /** PostgreSQL: the shard's schema is the connection's current schema. */
    POSTGRESQL(POSTGRES_DDL_RESOURCE, " ON CONFLICT (run_id, shard_id) DO NOTHING",
        "SELECT COUNT(*) FROM information_schema.tables"
            + " WHERE table_schema = current_schema() AND table_name = ?",
        "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')");

    private final String ddlResource;
    private final String keepExisting;
    private final String tableExists;
    private final String now;

    Flavor(String ddlResource, String keepExisting, String tableExists, String now) {
      this.ddlResource = ddlResource;
      this.keepExisting = keepExisting;
      this.tableExists = tableExists;
      this.now = now;
    }
  }

  /** Run identifier; first primary-key column. */
  public static final String RUN_ID = "run_id";

  /** Logical shard id; second primary-key column. */
  public static final String SHARD_ID = "shard_id";

  /** Start of the last applied window, UTC DATETIME(6). */
  public static final String WINDOW_START = "window_start";

  /** End of the last applied window, UTC DATETIME(6). */
  public static final String WINDOW_END = "window_end";

  /** Commit timestamp of the last applied transaction: seconds since the epoch. */
  public static final String COMMIT_SECONDS = "commit_seconds";

  /** Commit timestamp of the last applied transaction: nanoseconds within the second. */
  public static final String COMMIT_NANOS = "commit_nanos";

  /** Server transaction id of the last applied transaction. */
  public static final String SERVER_TRANSACTION_ID = "server_transaction_id";

  /** Change records applied in this run for this shard. */
  public static final String RECORDS_APPLIED = "records_applied";

  /** Last write, maintained by the server. */
  public static final String UPDATED_AT = "updated_at";

  /** Privilege errors: database, table and global access denied. */
  private static final Set<Integer> PRIVILEGE_ERRORS = Set.of(1044, 1142, 1227);
  /** PostgreSQL's SQLSTATE for insufficient privilege. */
  private static final String POSTGRES_INSUFFICIENT_PRIVILEGE = "42501";

  private static final String COLUMNS =
      String.join(
          ", ",
          WINDOW_START,
          WINDOW_END,
          COMMIT_SECONDS,
          COMMIT_NANOS,
          SERVER_TRANSACTION_ID,
          RECORDS_APPLIED);

  private static final String SELECT =
      "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + RUN_ID + " = ? AND " + SHARD_ID + " = ?";

  /** Window bounds of the "nothing applied" row (before any window the writer can apply). */
  private static final LocalDateTime NOTHING_APPLIED_WINDOW = LocalDateTime.of(1970, 1, 1, 0, 0);

  /** Commit timestamp of the "nothing applied" row: before every Spanner commit. */
  private static final Timestamp NOTHING_APPLIED_COMMIT = Timestamp.MIN_VALUE;

  /** Creates the "nothing applied" row unless the shard has one; changes nothing otherwise. */
  private static final String INSERT_NOTHING_APPLIED =
      "INSERT INTO " + TABLE + " (" + RUN_ID + ", " + SHARD_ID + ", " + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, '', 0)";

  /** Moves the checkpoint, only from the one the writer read (compare-and-set). */
  private static final String ADVANCE =
      "UPDATE " + TABLE + " SET " + WINDOW_START + " = ?, " + WINDOW_END + " = ?, "
          + COMMIT_SECONDS + " = ?, " + COMMIT_NANOS + " = ?, " + SERVER_TRANSACTION_ID + " = ?, "
          + RECORDS_APPLIED + " = ?, " + UPDATED_AT + " = %s"
          + " WHERE " + RUN_ID + " = ? AND " + SHARD_ID + " = ? AND " + COMMIT_SECONDS + " = ? AND "
          + COMMIT_NANOS + " = ? AND " + SERVER_TRANSACTION_ID + " = ?";

  private final Flavor flavor;

  /** The checkpoint table of a MySQL shard. */
  public CheckpointDao() {
    this(Flavor.MYSQL);
  }

  /** The checkpoint table of a shard of the {@code flavor} kind. */
  public CheckpointDao(Flavor flavor) {
    this.flavor = flavor;
  }

  /** The MySQL DDL from {@value #DDL_RESOURCE}, without a trailing semicolon. */
  public static String ddl() {
    return ddl(Flavor.MYSQL);
  }

  /** The DDL of {@code flavor}, without a trailing semicolon. */
  public static String ddl(Flavor flavor) {
    String resource = flavor.ddlResource;
    try (InputStream in = CheckpointDao.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceAll(";$", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * Creates the table in the connection's current database unless it exists.
   *
   * @throws CheckpointTableException when the user may not create it; the message holds the DDL
   *     and the GRANT to run
   */
  public void ensureTable(Connection connection) throws SQLException {
    if (tableExists(connection)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(ddl(flavor));
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      if (flavor == Flavor.MYSQL && PRIVILEGE_ERRORS.contains(e.getErrorCode())) {
        throw new CheckpointTableException(privilegeAdvice(connection, e), e);
      }
      if (flavor == Flavor.POSTGRESQL && POSTGRES_INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
        throw new CheckpointTableException("cannot create the checkpoint table " + TABLE
            + " in the current schema of database " + connection.getCatalog() + " as "
            + connection.getMetaData().getUserName() + " (SQLSTATE 42501). Either have an"
            + " administrator create it there:\n" + ddl(flavor) + ";\nor grant CREATE on the"
            + " schema, and SELECT, INSERT, UPDATE on the table once it exists.", e);
      }
      throw e;
    }
  }

  /**
   * Creates the row of {@code shard} in run {@code runId}, meaning "nothing applied", unless it
   * exists, and commits: call it before the shard's first applying transaction, outside any.
   */
  public void ensureRow(Connection connection, String runId, String shard) throws SQLException {
    SqlStatement insert =
        SqlStatement.of(INSERT_NOTHING_APPLIED + flavor.keepExisting, runId, shard, NOTHING_APPLIED_WINDOW,
            NOTHING_APPLIED_WINDOW, NOTHING_APPLIED_COMMIT.getSeconds(),
            NOTHING_APPLIED_COMMIT.getNanos());
    try (PreparedStatement statement = insert.prepare(connection)) {
      statement.executeUpdate();
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  /**
   * The checkpoint of {@code shard} in run {@code runId}; empty when nothing has been applied
   * (no row, or the row {@link #ensureRow} created).
   */
  public Optional<Checkpoint> read(Connection connection, String runId, String shard)
      throws SQLException {
    return query(connection, SELECT, runId, shard);
  }

  /**
   * Like {@link #read}, but empty when the checkpoint table does not exist (rather than an error):
   * for readers, such as {@code rr status}, that must not create it.
   */
  public Optional<Checkpoint> readIfPresent(Connection connection, String runId, String shard)
      throws SQLException {
    return tableExists(connection) ? read(connection, runId, shard) : Optional.empty();
  }

  /**
   * Like {@link #read}, but locks the row ({@code SELECT ... FOR UPDATE}) until the caller's
   * transaction ends, so that two writers of one shard cannot both apply the same window.
   */
  public Optional<Checkpoint> readForUpdate(Connection connection, String runId, String shard)
      throws SQLException {
    return query(connection, SELECT + " FOR UPDATE", runId, shard);
  }

  /**
   * Moves the checkpoint from {@code read} (what {@link #readForUpdate} returned in this
   * transaction; null when nothing was applied) to {@code next}; commits nothing.
   *
   * @throws IllegalArgumentException when {@code next} is not after {@code read}
   * @throws CheckpointConflictException when the row no longer holds {@code read} (another
   *     writer moved it) or does not exist ({@link #ensureRow} was not called): roll back
   */
  public void advance(Connection connection, Checkpoint read, Checkpoint next)
      throws SQLException {
    if (read != null && read.covers(next.commitTimestamp(), next.serverTransactionId())) {
      throw new IllegalArgumentException(
          "a checkpoint only moves forward: " + next + " is not after " + read);
    }
    compareAndSet(connection, read, next);
  }

  /**
   * Puts a {@link ResyncFence} in place of {@code read}, or the checkpoint a fence restores in
   * place of the fence: the same compare-and-set as {@link #advance}, without its forward-only
   * rule (a fence is neither before nor after a checkpoint). Commits nothing.
   *
   * @throws IllegalArgumentException when neither {@code read} nor {@code next} is a fence
   * @throws CheckpointConflictException when the row no longer holds {@code read}: roll back
   */
  public void replace(Connection connection, Checkpoint read, Checkpoint next)
      throws SQLException {
    if (!ResyncFence.isFence(read) && !ResyncFence.isFence(next)) {
      throw new IllegalArgumentException("only a resync fence replaces a checkpoint out of order: "
          + read + " -> " + next);
    }
    compareAndSet(connection, read, next);
  }

  private void compareAndSet(Connection connection, Checkpoint read, Checkpoint next)
      throws SQLException {
    Timestamp fromCommit = read == null ? NOTHING_APPLIED_COMMIT : read.commitTimestamp();
    String fromTransaction = read == null ? "" : read.serverTransactionId();
    SqlStatement update =
        SqlStatement.of(
            String.format(ADVANCE, flavor.now),
            LocalDateTime.ofInstant(next.windowStart(), ZoneOffset.UTC),
            LocalDateTime.ofInstant(next.windowEnd(), ZoneOffset.UTC),
            next.commitTimestamp().getSeconds(),
            next.commitTimestamp().getNanos(),
            next.serverTransactionId(),
            next.recordsApplied(),
            next.runId(),
            next.shard(),
            fromCommit.getSeconds(),
            fromCommit.getNanos(),
            fromTransaction);
    int matched;
    try (PreparedStatement statement = update.prepare(connection)) {
      matched = statement.executeUpdate();
    }
    if (matched != 1) {
      throw new CheckpointConflictException("[shard=" + next.shard() + "] the checkpoint of run "
          + next.runId() + " is no longer at " + fromCommit + " / '" + fromTransaction
          + "': another writer of the shard moved it (or its row is missing)");
    }
  }

  private static Optional<Checkpoint> query(
      Connection connection, String sql, String runId, String shard) throws SQLException {
    try (PreparedStatement statement = SqlStatement.of(sql, runId, shard).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      if (!rows.next() || isNothingApplied(rows)) {
        return Optional.empty();
      }
      return Optional.of(
          new Checkpoint(
              runId,
              shard,
              utc(rows.getObject(WINDOW_START, LocalDateTime.class)),
              utc(rows.getObject(WINDOW_END, LocalDateTime.class)),
              Timestamp.ofTimeSecondsAndNanos(
                  rows.getLong(COMMIT_SECONDS), rows.getInt(COMMIT_NANOS)),
              rows.getString(SERVER_TRANSACTION_ID),
              rows.getLong(RECORDS_APPLIED)));
    }
  }

  private static boolean isNothingApplied(ResultSet row) throws SQLException {
    return row.getLong(COMMIT_SECONDS) == NOTHING_APPLIED_COMMIT.getSeconds()
        && row.getInt(COMMIT_NANOS) == NOTHING_APPLIED_COMMIT.getNanos()
        && row.getString(SERVER_TRANSACTION_ID).isEmpty();
  }

  private boolean tableExists(Connection connection) throws SQLException {
    SqlStatement lookup = SqlStatement.of(flavor.tableExists, TABLE);
    try (PreparedStatement statement = lookup.prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() && rows.getLong(1) > 0;
    }
  }

  private static String privilegeAdvice(Connection connection, SQLException cause)
      throws SQLException {
    String database = connection.getCatalog();
    String account = currentAccount(connection);
    return "cannot create the checkpoint table "
        + database
        + "."
        + TABLE
        + " as "
        + account
        + " (MySQL error "
        + cause.getErrorCode()
        + "). Either have an administrator create it:\n"
        + "USE "
        + MySqlDialect.quote(database)
        + ";\n"
        + ddl()
        + ";\nor grant the privileges to create and use it:\n"
        + "GRANT CREATE, SELECT, INSERT, UPDATE ON "
        + MySqlDialect.quote(database)
        + "."
        + MySqlDialect.quote(TABLE)
        + " TO "
        + account
        + ";";
  }

  /** The account the server matched, as {@code 'user'@'host'}. */
  private static String currentAccount(Connection connection) throws SQLException {
    String account;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT CURRENT_USER()")) {
      account = rows.next() ? rows.getString(1) : connection.getMetaData().getUserName() + "@%";
    }
    int at = account.lastIndexOf('@');
    String user = at < 0 ? account : account.substring(0, at);
    String host = at < 0 ? "%" : account.substring(at + 1);
    return sqlString(user) + "@" + sqlString(host);
  }

  private static String sqlString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  private static Instant utc(LocalDateTime value) {
    return value.toInstant(ZoneOffset.UTC);
  }
}
