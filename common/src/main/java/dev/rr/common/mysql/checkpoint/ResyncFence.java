package dev.rr.common.mysql.checkpoint;

import com.google.cloud.Timestamp;
import java.util.Optional;

/**
 * A shard checkpoint that says "{@code rr resync} is loading this shard at T: apply nothing".
 * It is written over the shard's checkpoint (with the same compare-and-set the writer uses), so
 * every writer transaction that starts after it reads it under its {@code FOR UPDATE} lock and
 * applies nothing; one that committed before it is already part of the state the resync replaces.
 *
 * <p>It keeps the checkpoint the resync will restore when it ends ({@link #restore}): its commit
 * timestamp is the restore's, and its server transaction id is {@value #PREFIX}{@code
 * <T seconds>.<T nanos>|<restore's transaction id>}. No Spanner transaction id has this form.
 *
 * @param readAt T: the resync reads the shard's tables at exactly this timestamp
 * @param restore the checkpoint the shard gets when the resync ends
 */
public record ResyncFence(Timestamp readAt, Checkpoint restore) {
  /** Start of a fence's server transaction id. */
  public static final String PREFIX = "rr-resync@";

  /** The fence as it is stored in the checkpoint row. */
  public Checkpoint checkpoint() {
    String id = PREFIX + readAt.getSeconds() + "." + readAt.getNanos() + "|"
        + restore.serverTransactionId();
    return new Checkpoint(restore.runId(), restore.shard(), restore.windowStart(),
        restore.windowEnd(), restore.commitTimestamp(), id, restore.recordsApplied());
  }

  /** True when {@code checkpoint} is a fence: the shard is being resynced. */
  public static boolean isFence(Checkpoint checkpoint) {
    return checkpoint != null && checkpoint.serverTransactionId().startsWith(PREFIX);
  }

  /** The fence stored in {@code checkpoint}; empty when it is an ordinary checkpoint. */
  public static Optional<ResyncFence> of(Checkpoint checkpoint) {
    if (!isFence(checkpoint)) {
      return Optional.empty();
    }
    String id = checkpoint.serverTransactionId().substring(PREFIX.length());
    int bar = id.indexOf('|');
    int dot = id.indexOf('.');
    if (bar < 0 || dot < 0 || dot > bar) {
      throw new IllegalArgumentException("not a resync fence: " + checkpoint.serverTransactionId());
    }
    Timestamp readAt = Timestamp.ofTimeSecondsAndNanos(
        Long.parseLong(id.substring(0, dot)), Integer.parseInt(id.substring(dot + 1, bar)));
    Checkpoint restore = new Checkpoint(checkpoint.runId(), checkpoint.shard(),
        checkpoint.windowStart(), checkpoint.windowEnd(), checkpoint.commitTimestamp(),
        id.substring(bar + 1), checkpoint.recordsApplied());
    return Optional.of(new ResyncFence(readAt, restore));
  }
}
