package dev.rr.writer.logic;

import com.google.cloud.Timestamp;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one shard's progress to {@code shard_file_process_progress}: at once when the status
 * changes, otherwise at most once per interval and only when something moved, never per record.
 * A metadata write that fails is logged and tried again with the next report; it never stops the
 * shard (the MySQL checkpoint, not this row, is what exactly-once relies on).
 */
final class ProgressReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

  private final String runId;
  private final String shard;
  private final ProgressStore store;
  private final Duration interval;
  private final Clock clock;

  private ShardProgress written;
  private Instant writtenAt = Instant.MIN;

  ProgressReporter(String runId, String shard, ProgressStore store, Duration interval, Clock clock) {
    this.runId = runId;
    this.shard = shard;
    this.store = store;
    this.interval = interval;
    this.clock = clock;
  }

  /** The state of the shard to report. */
  record State(
      Instant position,
      ShardStatus status,
      Checkpoint checkpoint,
      Double lagSeconds,
      String error,
      String errorRecord) {}

  /**
   * Reports {@code state}: written now when {@code force} is set or the status changed, else when
   * the interval has passed since the last write and the state differs from it.
   *
   * @return false when a write was due but failed (it is tried again with the next report)
   */
  boolean report(State state, boolean force) {
    ShardProgress progress = toProgress(state);
    Instant now = clock.instant();
    boolean statusChanged = written == null || written.status() != progress.status();
    boolean changed = written == null || !sameContent(written, progress);
    boolean due = Duration.between(writtenAt, now).compareTo(interval) >= 0;
    if (!(force || statusChanged || (changed && due))) {
      return true;
    }
    try {
      if (!store.write(progress)) {
        LOG.info("[shard={}] progress at {} not written: the stored progress is further", shard,
            state.position());
      }
      written = progress;
      writtenAt = now;
      return true;
    } catch (RuntimeException e) {
      LOG.warn("[shard={}] cannot record progress (will retry with the next report): {}", shard,
          e.toString());
      return false;
    }
  }

  private ShardProgress toProgress(State state) {
    Checkpoint checkpoint = state.checkpoint();
    return ShardProgress.builder()
        .runId(runId)
        .shard(shard)
        .processedUpto(Timestamp.ofTimeSecondsAndNanos(
            state.position().getEpochSecond(), state.position().getNano()))
        .status(state.status())
        .lastCommitTimestamp(checkpoint == null || checkpoint.serverTransactionId().isEmpty()
            ? null : checkpoint.commitTimestamp())
        .lastServerTransactionId(checkpoint == null || checkpoint.serverTransactionId().isEmpty()
            ? null : checkpoint.serverTransactionId())
        .lagSeconds(state.lagSeconds())
        .recordsApplied(checkpoint == null ? 0 : checkpoint.recordsApplied())
        .error(state.error())
        .errorRecord(state.errorRecord())
        .build();
  }

  private static boolean sameContent(ShardProgress a, ShardProgress b) {
    return a.processedUpto().equals(b.processedUpto())
        && a.status() == b.status()
        && Objects.equals(a.lastCommitTimestamp(), b.lastCommitTimestamp())
        && Objects.equals(a.lastServerTransactionId(), b.lastServerTransactionId())
        && a.recordsApplied() == b.recordsApplied()
        && Objects.equals(a.error(), b.error());
  }
}
