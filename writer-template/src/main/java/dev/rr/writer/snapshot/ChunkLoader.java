package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.sink.ShardDialect;
import dev.rr.writer.logic.ChangeMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads one chunk into one shard in one transaction: the chunk's rows, mapped by the writer's
 * {@link ChangeMapper} and written as the shard dialect's multi-row upserts ({@link
 * ShardDialect#upsertBatch}: MySQL's {@code ON DUPLICATE KEY UPDATE}, PostgreSQL's {@code ON
 * CONFLICT (key) DO UPDATE}), and the chunk's row in {@link ChunkDao#TABLE}. A chunk already
 * recorded is not loaded again. Rows stream through: at most one statement's rows are held.
 *
 * <p>Foreign key checks are off in the loading session ({@link SnapshotSql#foreignKeysOff}):
 * chunks load in any order, and the rows all come from one consistent point of Spanner's history,
 * so the constraints hold once every chunk is in.
 */
public final class ChunkLoader {
  /**
   * The shard a loader writes to.
   *
   * @param dialect the shard's dialect, bound to its live schema (the mapper converts with it)
   * @param sql the snapshot tables' SQL of the shard's database
   * @param foreignKeysOff the session statement switching foreign key checks off, if one is needed
   */
  public record Sink(ShardDialect dialect, SnapshotSql sql, Optional<String> foreignKeysOff) {}

  /**
   * What loading a chunk did.
   *
   * @param skipped true when the chunk was already loaded (nothing written)
   * @param rows rows written
   * @param statements upsert statements run
   * @param unmapped records the mapper did not write (filtered or unmapped table)
   */
  public record Result(boolean skipped, long rows, long statements, long unmapped) {}

  private final String runId;
  private final Timestamp snapshot;
  private final ChangeMapper mapper;
  private final Sink sink;
  private final int maxRowsPerStatement;
  private final ChunkDao chunks;
  private final KeyStaging staging;

  /**
   * @param mapper the writer's mapper for the shard (its live schema)
   * @param dialect the dialect the mapper converts with (session time zone)
   * @param maxRowsPerStatement most rows one upsert writes
   */
  public ChunkLoader(String runId, Timestamp snapshot, ChangeMapper mapper, MySqlDialect dialect,
      int maxRowsPerStatement) {
    this(runId, snapshot, mapper, dialect, maxRowsPerStatement, false);
  }

  /**
   * @param stageKeys also stage each loaded row's key in its table's {@link KeyStaging} table, in
   *     the chunk's transaction (a resync, which then deletes the rows not staged)
   */
  public ChunkLoader(String runId, Timestamp snapshot, ChangeMapper mapper, MySqlDialect dialect,
      int maxRowsPerStatement, boolean stageKeys) {
    this(runId, snapshot, mapper, new Sink(dialect, SnapshotSql.MYSQL,
        SnapshotSql.MYSQL.foreignKeysOff(null)), maxRowsPerStatement, stageKeys);
  }

  /**
   * @param mapper the writer's mapper for the shard (its live schema, {@code sink}'s dialect)
   * @param stageKeys also stage each loaded row's key (a resync)
   */
  public ChunkLoader(String runId, Timestamp snapshot, ChangeMapper mapper, Sink sink,
      int maxRowsPerStatement, boolean stageKeys) {
    this.staging = stageKeys ? new KeyStaging(sink.sql()) : null;
    this.chunks = new ChunkDao(sink.sql());
    this.runId = runId;
    this.snapshot = snapshot;
    this.mapper = mapper;
    this.sink = sink;
    this.maxRowsPerStatement = Math.max(1, maxRowsPerStatement);
  }

  /**
   * Loads {@code records} (every record of {@code chunk}) and records the chunk, then commits; or
   * does nothing when the chunk is recorded already. Rolls back on any failure.
   */
  public Result load(Connection connection, ChunkId chunk, int chunkCount,
      Iterable<ChangeRecord> records) throws SQLException {
    connection.setAutoCommit(false);
    // No gap locks: chunks of one table load side by side without deadlocking each other.
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    try {
      sink.dialect().prepareSession(connection);
      if (sink.foreignKeysOff().isPresent()) {
        execute(connection, sink.foreignKeysOff().get());
      }
      // The chunk's row first: it locks the chunk, so a second attempt waits for this one and
      // then finds the chunk loaded.
      if (!chunks.claim(connection, runId, chunk, chunkCount, snapshot)) {
        connection.rollback();
        return new Result(true, 0, 0, 0);
      }
      Counts counts = new Counts();
      List<MappedChange> pending = new ArrayList<>();
      for (ChangeRecord record : records) {
        if (!(mapper.map(record) instanceof ChangeMapper.Write write)) {
          counts.unmapped++;
          continue;
        }
        MappedChange change = write.change().change();
        if (!pending.isEmpty() && (pending.size() >= rowsPerStatement(pending)
            || !pending.get(0).columns().equals(change.columns()))) {
          flush(connection, pending, counts);
        }
        pending.add(change);
      }
      flush(connection, pending, counts);
      chunks.setRows(connection, runId, chunk, counts.rows);
      connection.commit();
      return new Result(false, counts.rows, counts.statements, counts.unmapped);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    }
  }

  /** Rows per statement for rows like {@code pending}'s: the setting, within the parameter limit. */
  private int rowsPerStatement(List<MappedChange> pending) {
    int columns = Math.max(1, pending.get(0).values().size());
    return Math.min(maxRowsPerStatement, Math.max(1, sink.dialect().maxParameters() / columns));
  }

  private void flush(Connection connection, List<MappedChange> pending, Counts counts)
      throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    upsert(connection, List.copyOf(pending), counts);
    if (staging != null) {
      staging.add(connection, pending);
    }
    pending.clear();
  }

  /** One upsert; one Connector/J refuses to send for its size runs as two halves instead. */
  private void upsert(Connection connection, List<MappedChange> rows, Counts counts)
      throws SQLException {
    try {
      try (PreparedStatement statement = sink.dialect().upsertBatch(rows).prepare(connection)) {
        statement.execute();
      }
      counts.statements++;
      counts.rows += rows.size();
    } catch (SQLException e) {
      if (rows.size() < 2 || !sink.dialect().isRefusedBeforeSending(e)) {
        throw e;
      }
      upsert(connection, rows.subList(0, rows.size() / 2), counts);
      upsert(connection, rows.subList(rows.size() / 2, rows.size()), counts);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static final class Counts {
    long rows;
    long statements;
    long unmapped;
  }
}
