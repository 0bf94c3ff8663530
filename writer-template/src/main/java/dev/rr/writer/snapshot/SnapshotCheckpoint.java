package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The shard checkpoint that ends a snapshot at T: "every transaction committed at or before T is
 * applied". It is commit timestamp {@code T + 1 ns} with an empty transaction id: {@link
 * Checkpoint#covers} then holds for every transaction at or before T (Spanner commit timestamps
 * have microsecond precision, none lies strictly between T and T + 1 ns) and for none after it.
 */
public final class SnapshotCheckpoint {
  private final CheckpointDao checkpoints;

  /** The checkpoint of a MySQL shard. */
  public SnapshotCheckpoint() {
    this(new CheckpointDao());
  }

  /** The checkpoint in {@code checkpoints}' table (MySQL or PostgreSQL). */
  public SnapshotCheckpoint(CheckpointDao checkpoints) {
    this.checkpoints = checkpoints;
  }

  /** The checkpoint of {@code shard} in run {@code runId} after a snapshot at {@code at}. */
  public static Checkpoint at(String runId, String shard, Timestamp at) {
    Instant instant = Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
    Timestamp justAfter = at.getNanos() == 999_999_999
        ? Timestamp.ofTimeSecondsAndNanos(at.getSeconds() + 1, 0)
        : Timestamp.ofTimeSecondsAndNanos(at.getSeconds(), at.getNanos() + 1);
    return new Checkpoint(runId, shard, instant, instant, justAfter, "", 0);
  }

  /**
   * Sets the checkpoint of {@code shard} to {@link #at}, in a transaction of its own; does
   * nothing when it is there already.
   *
   * @throws IllegalStateException when the shard already has another checkpoint in this run: the
   *     writer applied changes to it, so it is not a shard whose snapshot can end here
   */
  public void set(Connection connection, String runId, String shard, Timestamp at)
      throws SQLException {
    checkpoints.ensureTable(connection);
    checkpoints.ensureRow(connection, runId, shard);
    Checkpoint next = at(runId, shard, at);
    connection.setAutoCommit(false);
    try {
      Optional<Checkpoint> read = checkpoints.readForUpdate(connection, runId, shard);
      if (read.isPresent()) {
        connection.rollback();
        if (!read.get().commitTimestamp().equals(next.commitTimestamp())
            || !read.get().serverTransactionId().isEmpty()) {
          throw new IllegalStateException("[shard=" + shard + "] run " + runId
              + " already has a checkpoint at " + read.get().commitTimestamp()
              + ": the writer applied changes to it, so a snapshot at " + at + " cannot end there");
        }
        return;
      }
      checkpoints.advance(connection, null, next);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }
}
