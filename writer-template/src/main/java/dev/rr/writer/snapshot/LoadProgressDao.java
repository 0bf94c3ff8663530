package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import dev.rr.common.mysql.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

  /** Classpath resource (module metadata-ddl) holding the table's DDL. */
  public static final String DDL_RESOURCE = "rr/ddl/mysql/snapshot_table.sql";

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

  private static final String START = "INSERT INTO " + TABLE + " (" + RUN_ID + ", " + SHARD_ID
      + ", " + TABLE_NAME + ", snapshot_seconds, snapshot_nanos, " + ROWS_ESTIMATED
      + ", chunk_count, " + STARTED_AT + ", " + FINISHED_AT + ") VALUES (?, ?, ?, ?, ?, ?, ?,"
      + " CURRENT_TIMESTAMP(6), NULL) ON DUPLICATE KEY UPDATE snapshot_seconds ="
      + " VALUES(snapshot_seconds), snapshot_nanos = VALUES(snapshot_nanos), " + ROWS_ESTIMATED
      + " = VALUES(" + ROWS_ESTIMATED + "), chunk_count = VALUES(chunk_count), " + STARTED_AT
      + " = CURRENT_TIMESTAMP(6), " + FINISHED_AT + " = NULL";

  private static final String FINISH = "UPDATE " + TABLE + " SET " + FINISHED_AT
      + " = CURRENT_TIMESTAMP(6) WHERE " + RUN_ID + " = ? AND " + SHARD_ID + " = ? AND "
      + FINISHED_AT + " IS NULL";

  private static final String EXISTS = "SELECT COUNT(*) FROM information_schema.TABLES WHERE"
      + " TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?, ?)";

  /** Unfinished loads of a shard, both kinds, with their finished chunks (of the same T). */
  private static final String UNDER_WAY = "SELECT t." + RUN_ID + ", t." + TABLE_NAME + ", t."
      + ROWS_ESTIMATED + ", t.chunk_count, COUNT(c." + ChunkDao.CHUNK + "), COALESCE(SUM(c."
      + ChunkDao.ROWS_LOADED + "), 0), COALESCE(SUM(CASE WHEN c." + ChunkDao.LOADED_AT + " >= t."
      + STARTED_AT + " THEN c." + ChunkDao.ROWS_LOADED + " ELSE 0 END), 0), TIMESTAMPDIFF("
      + "MICROSECOND, t." + STARTED_AT + ", CURRENT_TIMESTAMP(6)) FROM " + TABLE + " t LEFT JOIN "
      + ChunkDao.TABLE + " c ON c." + ChunkDao.RUN_ID + " = t." + RUN_ID + " AND c."
      + ChunkDao.SHARD_ID + " = t." + SHARD_ID + " AND c." + ChunkDao.TABLE_NAME + " = t."
      + TABLE_NAME + " AND c." + ChunkDao.SNAPSHOT_SECONDS + " = t.snapshot_seconds AND c."
      + ChunkDao.SNAPSHOT_NANOS + " = t.snapshot_nanos WHERE t." + RUN_ID + " IN (?, ?) AND t."
      + SHARD_ID + " = ? AND t." + FINISHED_AT + " IS NULL GROUP BY t." + RUN_ID + ", t."
      + TABLE_NAME + ", t." + ROWS_ESTIMATED + ", t.chunk_count, t." + STARTED_AT + " ORDER BY t."
      + RUN_ID + ", t." + TABLE_NAME;

  /** Creates the table in the connection's current database unless it exists. */
  public void ensureTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(ddl());
    }
  }

  /** Records that {@code plan} starts (or resumes) loading {@code table} into {@code shard}. */
  public void start(Connection connection, SnapshotPlan plan, String shard, String table,
      long estimated) throws SQLException {
    Timestamp at = plan.snapshot();
    SqlStatement start = SqlStatement.of(START, plan.chunkRunId(), shard, table, at.getSeconds(),
        at.getNanos(), estimated, plan.chunkCount(table));
    try (PreparedStatement statement = start.prepare(connection)) {
      statement.executeUpdate();
    }
  }

  /** Records that {@code plan}'s load of {@code shard} ended (every chunk is in). */
  public void finish(Connection connection, SnapshotPlan plan, String shard) throws SQLException {
    try (PreparedStatement statement =
        SqlStatement.of(FINISH, plan.chunkRunId(), shard).prepare(connection)) {
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
            SqlStatement.of(UNDER_WAY, runId, resync, shard).prepare(connection);
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

  private static boolean tablesExist(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            SqlStatement.of(EXISTS, TABLE, ChunkDao.TABLE).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() && rows.getInt(1) == 2;
    }
  }

  /** The DDL from {@value #DDL_RESOURCE}, without a trailing semicolon. */
  static String ddl() {
    try (InputStream in =
        LoadProgressDao.class.getClassLoader().getResourceAsStream(DDL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DDL_RESOURCE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceAll(";$", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DDL_RESOURCE, e);
    }
  }
}
