package dev.rr.launcher.check;

import com.google.cloud.Timestamp;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.launcher.verify.VerifyRow;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One consistent-prefix sample of one shard: the checkpoint read in the shard's snapshot, the
 * Spanner timestamp compared against, both sides' rows per table and every row that differs.
 *
 * @param shard logical shard id
 * @param checkpoint the shard's checkpoint in the snapshot; empty before it applied anything
 * @param readTimestamp the Spanner read timestamp: the checkpoint's commit timestamp, or just
 *     before the run's start when there is no checkpoint
 * @param shardRows the shard's rows per Spanner table, in the snapshot
 * @param spannerRows Spanner's rows routed to the shard, per table, at {@code readTimestamp}
 * @param differences every differing row; empty when the sample matches
 */
public record PrefixSample(
    String shard,
    Optional<Checkpoint> checkpoint,
    Timestamp readTimestamp,
    Map<String, List<VerifyRow>> shardRows,
    Map<String, List<VerifyRow>> spannerRows,
    List<RowDifference> differences) {
  public PrefixSample {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(readTimestamp, "readTimestamp");
    shardRows = Map.copyOf(shardRows);
    spannerRows = Map.copyOf(spannerRows);
    differences = List.copyOf(differences);
  }

  /** True when the shard shows exactly Spanner's state at the checkpoint. */
  public boolean matches() {
    return differences.isEmpty();
  }

  /** Rows the shard lacks. */
  public long missing() {
    return count(RowDifference.Kind.MISSING);
  }

  /** Rows the shard has and Spanner had not. */
  public long extra() {
    return count(RowDifference.Kind.EXTRA);
  }

  /** Rows on both sides with other values. */
  public long different() {
    return count(RowDifference.Kind.DIFFERENT);
  }

  /** {@code shard2 at 2026-...Z (checkpoint 2026-...Z/17): 1 missing, 0 extra, 1 different}. */
  public String summary() {
    String at = checkpoint.map(c -> "checkpoint " + c.commitTimestamp() + "/" + c.serverTransactionId())
        .orElse("no checkpoint");
    return shard + " at " + readTimestamp + " (" + at + "): " + (matches() ? "match"
        : missing() + " missing, " + extra() + " extra, " + different() + " different");
  }

  private long count(RowDifference.Kind kind) {
    return differences.stream().filter(d -> d.kind() == kind).count();
  }
}
