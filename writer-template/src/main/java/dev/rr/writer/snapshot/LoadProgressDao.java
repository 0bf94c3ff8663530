package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import dev.rr.common.mysql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes table {@value #TABLE} in the shard's own database: one row per Spanner table a
 * snapshot or resync loads into the shard, with the estimate and the current attempt's start.
 * Joined with {@link ChunkDao}'s rows it gives {@link TableLoad}s: what {@code rr status} and the
 * console progress line show. Every time is taken by the shard's server, so its clock and time
 * zone cancel out.
 */
public final class LoadProgressDao {
  /** The table. */
  public static final String TABLE = "rr_snapshot_table";

  /** File under {@code rr/ddl/<database>/} (module metadata-ddl) holding the table's DDL. */
  public static final String DDL_FILE = "snapshot_table.sql";

  /** The chunk run id ({@link SnapshotPlan#chunkRunId}). */
  public static final String RUN_ID = "run_id";

  /** Logical shard id. */
  public static final String SHARD_ID = "shard_id";

  /** Spanner table name. */
  public static final String TABLE_NAME = "table_name";

  /** Rows of the table at T that route to the shard. */
  public static final String ROWS_ESTIMATED = "rows_estimated";

  /** When the current attempt started (server time). */
  public static final String STARTED_AT = "started_at";

  /** When the shard's load ended; NULL while it is under way. */
  public static final String FINISHED_AT = "finished_at";

  private static final List<String> START_KEY = List.of(RUN_ID, SHARD_ID, TABLE_NAME);

  private static final List<String> START_UPDATES = List.of("snapshot_seconds", "snapshot_nanos",
      ROWS_ESTIMATED, "chunk_count");

  private final SnapshotSql sql;
  private final String start;
  private final String finish;
  private final String underWay;

  /** The progress table of a MySQL shard. */
  public LoadProgressDao() {
    this(SnapshotSql.MYSQL);
  }

  /** The progress table of a shard whose database speaks {@code sql}. */
  public LoadProgressDao(SnapshotSql sql) {
    this.sql = sql;
    this.start = "INSERT INTO " + TABLE + " (" + RUN_ID + ", " + SHARD_ID + ", " + TABLE_NAME
        + ", snapshot_seconds, snapshot_nanos, " + ROWS_ESTIMATED + ", chunk_count, " + STARTED_AT
        + ", " + FINISHED_AT + ") VALUES (?, ?, ?, ?, ?, ?, ?, " + sql.now() + ", NULL)"
        + sql.upsertClause(START_KEY, START_UPDATES) + ", " + STARTED_AT + " = " + sql.now()
        + ", " + FINISHED_AT + " = NULL";
    this.finish = "UPDATE " + TABLE + " SET " + FINISHED_AT + " = " + sql.now() + " WHERE "
        + RUN_ID + " = ? AND " + SHARD_ID + " = ? AND " + FINISHED_AT + " IS NULL";
    this.underWay = underWay(sql);
  }

  /** Unfinished loads of a shard, both kinds, with their finished chunks (of the same T). */
  private static String underWay(SnapshotSql sql) {
    return "SELECT t." + RUN_ID + ", t." + TABLE_NAME + ", t." + ROWS_ESTIMATED
        + ", t.chunk_count, COUNT(c." + ChunkDao.CHUNK + "), COALESCE(SUM(c."
        + ChunkDao.ROWS_LOADED + "), 0), COALESCE(SUM(CASE WHEN c." + ChunkDao.LOADED_AT
        + " >= t." + STARTED_AT + " THEN c." + ChunkDao.ROWS_LOADED + " ELSE 0 END), 0), "
        + sql.microsSince("t." + STARTED_AT) + " FROM " + TABLE + " t LEFT JOIN "
        + ChunkDao.TABLE + " c ON c." + ChunkDao.RUN_ID + " = t." + RUN_ID + " AND c."
        + ChunkDao.SHARD_ID + " = t." + SHARD_ID + " AND c." + ChunkDao.TABLE_NAME + " = t."
        + TABLE_NAME + " AND c." + ChunkDao.SNAPSHOT_SECONDS + " = t.snapshot_seconds AND c."
        + ChunkDao.SNAPSHOT_NANOS + " = t.snapshot_nanos WHERE t." + RUN_ID + " IN (?, ?) AND t."
        + SHARD_ID + " = ? AND t." + FINISHED_AT + " IS NULL GROUP BY t." + RUN_ID + ", t."
        + TABLE_NAME + ", t." + ROWS_ESTIMATED + ", t.chunk_count, t." + STARTED_AT
        + " ORDER BY t." + RUN_ID + ", t." + TABLE_NAME;
  }

  /** Creates the table in the connection's current database (or schema) unless it exists. */
  public void ensureTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.ddl(DDL_FILE));
    }
  }

  /** Records that {@code plan} starts (or resumes) loading {@code table} into {@code shard}. */
  public void start(Connection connection, SnapshotPlan plan, String shard, String table,
      long estimated) throws SQLException {
    Timestamp at = plan.snapshot();
    SqlStatement insert = SqlStatement.of(start, plan.chunkRunId(), shard, table,
        at.getSeconds(), at.getNanos(), estimated, plan.chunkCount(table));
    try (PreparedStatement statement = insert.prepare(connection)) {
      statement.executeUpdate();
    }
  }

  /** Records that {@code plan}'s load of {@code shard} ended (every chunk is in). */
  public void finish(Connection connection, SnapshotPlan plan, String shard) throws SQLException {
    try (PreparedStatement statement =
        SqlStatement.of(finish, plan.chunkRunId(), shard).prepare(connection)) {
      statement.executeUpdate();
    }
  }

  /**
   * The loads of run {@code runId} under way in {@code shard} (its initial snapshot and its
   * resync), by kind and table; empty when the shard has no progress tables (never loaded).
   */
  public List<TableLoad> underWay(Connection connection, String runId, String shard)
      throws SQLException {
    List<TableLoad> loads = new ArrayList<>();
    if (!tablesExist(connection)) {
      return loads;
    }
    String resync = runId + SnapshotPlan.RESYNC_CHUNKS;
    try (PreparedStatement statement =
            SqlStatement.of(underWay, runId, resync, shard).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        TableLoad.Kind kind = rows.getString(1).equals(resync)
            ? TableLoad.Kind.RESYNC : TableLoad.Kind.SNAPSHOT;
        loads.add(new TableLoad(shard, rows.getString(2), kind, rows.getLong(6), rows.getLong(3),
            rows.getLong(5), rows.getInt(4), rows.getLong(7),
            Duration.ofNanos(Math.max(0, rows.getLong(8)) * 1000)));
      }
    }
    return loads;
  }

  private boolean tablesExist(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            SqlStatement.of(sql.tablesExist(), TABLE, ChunkDao.TABLE).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() && rows.getInt(1) == 2;
    }
  }
}
