package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import dev.rr.common.mysql.SqlStatement;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the loaded-chunk rows of table {@value #TABLE} in the shard's own database.
 * {@link #claim} runs in the transaction that loads the chunk, so a chunk's row exists if and only
 * if its rows are committed.
 */
public final class ChunkDao implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The chunk table. */
  public static final String TABLE = "rr_snapshot_chunk";

  /** File under {@code rr/ddl/<database>/} (module metadata-ddl) holding the table's DDL. */
  public static final String DDL_FILE = "snapshot_chunk.sql";

  /** Run identifier. */
  public static final String RUN_ID = "run_id";

  /** Logical shard id. */
  public static final String SHARD_ID = "shard_id";

  /** Spanner table name. */
  public static final String TABLE_NAME = "table_name";

  /** Chunk number. */
  public static final String CHUNK = "chunk";

  /** Chunks of the table in this snapshot. */
  public static final String CHUNK_COUNT = "chunk_count";

  /** Snapshot timestamp: seconds since the epoch. */
  public static final String SNAPSHOT_SECONDS = "snapshot_seconds";

  /** Snapshot timestamp: nanoseconds within the second. */
  public static final String SNAPSHOT_NANOS = "snapshot_nanos";

  /** Rows the chunk wrote. */
  public static final String ROWS_LOADED = "rows_loaded";

  /** When the chunk's transaction wrote its row (server time). */
  public static final String LOADED_AT = "loaded_at";

  private static final String WHERE_CHUNK = " WHERE " + RUN_ID + " = ? AND " + SHARD_ID
      + " = ? AND " + TABLE_NAME + " = ? AND " + CHUNK + " = ?";

  private static final String SET_ROWS =
      "UPDATE " + TABLE + " SET " + ROWS_LOADED + " = ?" + WHERE_CHUNK;

  private static final String INSERT_CHUNK = "INSERT INTO " + TABLE + " (" + RUN_ID + ", "
      + SHARD_ID + ", " + TABLE_NAME + ", " + CHUNK + ", " + CHUNK_COUNT + ", " + SNAPSHOT_SECONDS
      + ", " + SNAPSHOT_NANOS + ", " + ROWS_LOADED + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String SNAPSHOT_OF_RUN = "SELECT " + SNAPSHOT_SECONDS + ", "
      + SNAPSHOT_NANOS + " FROM " + TABLE + " WHERE " + RUN_ID + " = ? AND " + SHARD_ID
      + " = ? LIMIT 1";

  private static final String ROWS_BY_TABLE = "SELECT " + TABLE_NAME + ", SUM(" + ROWS_LOADED
      + "), COUNT(*) FROM " + TABLE + " WHERE " + RUN_ID + " = ? AND " + SHARD_ID + " = ? GROUP BY "
      + TABLE_NAME + " ORDER BY " + TABLE_NAME;

  private static final String CHUNKING = "SELECT " + TABLE_NAME + ", MIN(" + CHUNK_COUNT
      + "), MAX(" + CHUNK_COUNT + ") FROM " + TABLE + " WHERE " + RUN_ID + " = ? AND " + SHARD_ID
      + " = ? AND " + SNAPSHOT_SECONDS + " = ? AND " + SNAPSHOT_NANOS + " = ? GROUP BY "
      + TABLE_NAME;

  private static final String CHUNK_COUNT_OF = "SELECT " + CHUNK_COUNT + " FROM " + TABLE
      + WHERE_CHUNK;

  private static final String FORGET = "DELETE FROM " + TABLE + " WHERE " + RUN_ID + " = ? AND "
      + SHARD_ID + " = ?";

  /** Rows loaded and chunks finished of one table. */
  public record TableProgress(long rows, long chunks) {}

  private final SnapshotSql sql;

  /** The chunk table of a MySQL shard. */
  public ChunkDao() {
    this(SnapshotSql.MYSQL);
  }

  /** The chunk table of a shard whose database speaks {@code sql}. */
  public ChunkDao(SnapshotSql sql) {
    this.sql = sql;
  }

  /** Creates the table in the connection's current database (or schema) unless it exists. */
  public void ensureTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.ddl(DDL_FILE));
    }
  }

  /**
   * Inserts the row of {@code chunk} (0 rows loaded) in the caller's transaction, which locks it
   * until that transaction ends; false, with nothing changed, when the chunk has a row already (it
   * is loaded, or another attempt that committed first loaded it).
   */
  public boolean claim(Connection connection, String runId, ChunkId chunk, int chunkCount,
      Timestamp snapshot) throws SQLException {
    SqlStatement insert = SqlStatement.of(INSERT_CHUNK + sql.insertChunkSuffix(), runId,
        chunk.shard(), chunk.table(), chunk.chunk(), chunkCount, snapshot.getSeconds(),
        snapshot.getNanos(), 0L);
    boolean inserted;
    try (PreparedStatement statement = insert.prepare(connection)) {
      inserted = statement.executeUpdate() == 1;
    } catch (SQLException e) {
      if (!sql.isDuplicateKey(e)) {
        throw e;
      }
      inserted = false;
    }
    if (!inserted) {
      requireSameChunking(connection, runId, chunk, chunkCount);
    }
    return inserted;
  }

  /**
   * The chunk count each table's loaded chunks of {@code shard} were cut by, for the snapshot at
   * {@code snapshot}: a resume must cut by the same counts, or a chunk number would name other rows.
   *
   * @throws SnapshotRefusedException when one table's chunks disagree
   */
  public Map<String, Integer> chunking(Connection connection, String runId, String shard,
      Timestamp snapshot) throws SQLException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (PreparedStatement statement = SqlStatement.of(CHUNKING, runId, shard,
            snapshot.getSeconds(), snapshot.getNanos()).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        if (rows.getInt(2) != rows.getInt(3)) {
          throw new SnapshotRefusedException("[shard=" + shard + "] table " + rows.getString(1)
              + " has chunks of " + rows.getInt(2) + " and of " + rows.getInt(3) + " in run "
              + runId + ": its chunk rows are inconsistent; start the load over");
        }
        counts.put(rows.getString(1), rows.getInt(2));
      }
    }
    return counts;
  }

  /** A loaded chunk of another chunk count holds other rows: skipping it would lose rows. */
  private static void requireSameChunking(Connection connection, String runId, ChunkId chunk,
      int chunkCount) throws SQLException {
    try (PreparedStatement statement = SqlStatement.of(CHUNK_COUNT_OF, runId, chunk.shard(),
            chunk.table(), chunk.chunk()).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      if (rows.next() && rows.getInt(1) != chunkCount) {
        throw new SnapshotRefusedException("chunk " + chunk + " was loaded as one of "
            + rows.getInt(1) + " chunks, not " + chunkCount + ": a resume must keep its chunking");
      }
    }
  }

  /** Deletes every chunk row of {@code shard} under {@code runId} (a new resync starts over). */
  public void forget(Connection connection, String runId, String shard) throws SQLException {
    try (PreparedStatement statement = SqlStatement.of(FORGET, runId, shard).prepare(connection)) {
      statement.executeUpdate();
    }
  }

  /** Records how many rows {@code chunk} wrote, in the caller's transaction. */
  public void setRows(Connection connection, String runId, ChunkId chunk, long rows)
      throws SQLException {
    SqlStatement update = SqlStatement.of(SET_ROWS, rows, runId, chunk.shard(), chunk.table(),
        chunk.chunk());
    try (PreparedStatement statement = update.prepare(connection)) {
      statement.executeUpdate();
    }
  }

  /** The snapshot timestamp of the chunks already loaded for {@code shard}, if any. */
  public Optional<Timestamp> snapshotOf(Connection connection, String runId, String shard)
      throws SQLException {
    try (PreparedStatement statement =
            SqlStatement.of(SNAPSHOT_OF_RUN, runId, shard).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      return rows.next()
          ? Optional.of(Timestamp.ofTimeSecondsAndNanos(rows.getLong(1), rows.getInt(2)))
          : Optional.empty();
    }
  }

  /** Rows loaded and chunks finished per Spanner table of {@code shard}, by table name. */
  public Map<String, TableProgress> progress(Connection connection, String runId, String shard)
      throws SQLException {
    Map<String, TableProgress> progress = new LinkedHashMap<>();
    try (PreparedStatement statement =
            SqlStatement.of(ROWS_BY_TABLE, runId, shard).prepare(connection);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        progress.put(rows.getString(1), new TableProgress(rows.getLong(2), rows.getLong(3)));
      }
    }
    return progress;
  }
}
