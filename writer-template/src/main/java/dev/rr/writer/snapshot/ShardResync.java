package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.mysql.checkpoint.ResyncFence;
import dev.rr.common.schema.SchemaMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The shard side of {@code rr resync}: {@link #begin} puts a {@link ResyncFence} in the shard's
 * checkpoint (a running writer then applies nothing to it) and prepares the key staging tables;
 * the snapshot pipeline loads the shard's rows at T, staging their keys; {@link #finish} deletes
 * the rows whose key was not staged and replaces the fence by the checkpoint it restores, after
 * which the writer goes on from there. Both steps may be run again after a crash.
 */
public final class ShardResync {
  private final SnapshotSql sql;
  private final CheckpointDao checkpoints;
  private final ChunkDao chunks;
  private final KeyStaging staging;

  /** The resync of a MySQL shard. */
  public ShardResync() {
    this(SnapshotSql.MYSQL);
  }

  /** The resync of a shard whose database speaks {@code sql}. */
  public ShardResync(SnapshotSql sql) {
    this.sql = sql;
    this.checkpoints = sql.checkpoints();
    this.chunks = new ChunkDao(sql);
    this.staging = new KeyStaging(sql);
  }

  /** The fence of {@code shard} when a resync of it is under way. */
  public Optional<ResyncFence> current(Connection connection, String runId, String shard)
      throws SQLException {
    checkpoints.ensureTable(connection);
    return checkpoints.read(connection, runId, shard).flatMap(ResyncFence::of);
  }

  /** The checkpoint of {@code shard} (empty when nothing was applied, or fenced). */
  public Optional<Checkpoint> checkpoint(Connection connection, String runId, String shard)
      throws SQLException {
    checkpoints.ensureTable(connection);
    return checkpoints.read(connection, runId, shard).filter(c -> !ResyncFence.isFence(c));
  }

  /**
   * Starts the resync of {@code tables} of {@code shard}, or finds the one under way (a resume,
   * which keeps its T). A new resync of the whole shard reads at T = {@code now} (taken once the
   * checkpoint is locked, so no writer transaction commits after it) and restores "everything up
   * to T applied"; one of some tables reads at the shard's checkpoint, where its other tables
   * stand, and restores that checkpoint.
   *
   * @param wholeShard true when {@code tables} is every mapped table
   * @throws SnapshotRefusedException when some tables are asked of a shard without a checkpoint,
   *     or the shard's checkpoint is after {@code now}
   */
  public ResyncFence begin(Connection connection, String runId, String shard,
      SchemaMapping tables, boolean wholeShard, Supplier<Timestamp> now) throws SQLException {
    Optional<ResyncFence> underWay = current(connection, runId, shard);
    chunks.ensureTable(connection);
    if (underWay.isPresent()) {
      if (!wholeShard && coversEveryTable(underWay.get())) {
        // Its checkpoint moves the whole shard to T: loading some tables only would leave the
        // others behind T, with the changes between skipped.
        throw new SnapshotRefusedException("[shard=" + shard + "] the rr resync under way (T = "
            + underWay.get().readAt() + ") covers every table: resume it without --tables");
      }
      for (String table : tables.spannerTables()) {
        staging.ensure(connection, tables.forSpannerTable(table).orElseThrow());
      }
      return underWay.get();
    }
    // Before the fence: a shard that cannot take the load is refused with nothing changed.
    sql.requireForeignKeysOff(connection, shard);
    for (String table : tables.spannerTables()) {
      staging.recreate(connection, tables.forSpannerTable(table).orElseThrow());
    }
    connection.setAutoCommit(true);
    chunks.forget(connection, runId + SnapshotPlan.RESYNC_CHUNKS, shard);
    checkpoints.ensureRow(connection, runId, shard);
    connection.setAutoCommit(false);
    try {
      Optional<Checkpoint> read = checkpoints.readForUpdate(connection, runId, shard);
      if (read.isPresent() && ResyncFence.isFence(read.get())) {
        throw new SnapshotRefusedException("[shard=" + shard + "] another rr resync fenced the"
            + " shard meanwhile; run this one again to resume it");
      }
      ResyncFence fence = wholeShard ? whole(runId, shard, read, now.get())
          : new ResyncFence(read.map(Checkpoint::commitTimestamp).orElseThrow(() ->
              new SnapshotRefusedException("[shard=" + shard + "] has no checkpoint in run "
                  + runId + ": resync all its tables (without --tables)")), read.get());
      checkpoints.replace(connection, read.orElse(null), fence.checkpoint());
      connection.commit();
      return fence;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Ends the resync of {@code tables} of {@code shard}, every chunk being loaded: deletes each
   * table's rows whose key was not staged, then restores the fence's checkpoint and drops the
   * staging tables. Returns the rows deleted per Spanner table.
   *
   * @throws IllegalStateException when the shard is not fenced (no resync under way)
   */
  public Map<String, Long> finish(Connection connection, String runId, String shard,
      SchemaMapping tables) throws SQLException {
    ResyncFence fence = current(connection, runId, shard).orElseThrow(() ->
        new IllegalStateException("[shard=" + shard + "] has no rr resync under way in run "
            + runId));
    Map<String, Long> deleted = new TreeMap<>();
    Optional<String> foreignKeysOff =
        sql.foreignKeysOff(sql.dialect(ZoneOffset.UTC).readCatalog(connection));
    for (String table : tables.spannerTables()) {
      deleted.put(table, staging.sweep(connection, tables.forSpannerTable(table).orElseThrow(),
          foreignKeysOff));
    }
    connection.setAutoCommit(false);
    try {
      checkpoints.replace(connection, fence.checkpoint(), fence.restore());
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
    for (String table : tables.spannerTables()) {
      staging.drop(connection, tables.forSpannerTable(table).orElseThrow());
    }
    return deleted;
  }

  /** True when {@code fence} restores "everything up to T applied": a resync of every table. */
  static boolean coversEveryTable(ResyncFence fence) {
    Checkpoint atT = SnapshotCheckpoint.at(fence.restore().runId(), fence.restore().shard(),
        fence.readAt());
    return fence.restore().commitTimestamp().equals(atT.commitTimestamp())
        && fence.restore().serverTransactionId().isEmpty();
  }

  private static ResyncFence whole(String runId, String shard, Optional<Checkpoint> read,
      Timestamp at) {
    if (read.isPresent() && read.get().commitTimestamp().compareTo(at) > 0) {
      throw new SnapshotRefusedException("[shard=" + shard + "] its checkpoint "
          + read.get().commitTimestamp() + " is after T = " + at + " (clock skew?): try again");
    }
    Checkpoint atT = SnapshotCheckpoint.at(runId, shard, at);
    long applied = read.map(Checkpoint::recordsApplied).orElse(0L);
    return new ResyncFence(at, new Checkpoint(runId, shard, atT.windowStart(), atT.windowEnd(),
        atT.commitTimestamp(), atT.serverTransactionId(), applied));
  }

}
