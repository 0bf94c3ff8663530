package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import dev.rr.common.metadata.ShardStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the metadata tables say about one shard of a run, joined from the reader's
 * {@code shard_file_create_progress} and the writer's {@code shard_file_process_progress}.
 *
 * @param shard logical shard id
 * @param status writer status (SUCCESS, RETRYING, ERROR, REPROCESS), empty before the writer
 *     recorded anything
 * @param createdUpto every window file ending at or before this is final (reader)
 * @param processedUpto every window ending at or before this is applied (writer)
 * @param lastCommit commit timestamp of the last applied change
 * @param recordsApplied change records applied in this run
 * @param error latest error text
 * @param updatedAt when the writer last wrote this shard's progress row; empty before it did
 */
public record ShardState(
    String shard,
    Optional<ShardStatus> status,
    Optional<Timestamp> createdUpto,
    Optional<Timestamp> processedUpto,
    Optional<Timestamp> lastCommit,
    long recordsApplied,
    Optional<String> error,
    Optional<Timestamp> updatedAt) {
  public ShardState {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdUpto, "createdUpto");
    Objects.requireNonNull(processedUpto, "processedUpto");
    Objects.requireNonNull(lastCommit, "lastCommit");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A state without the row's update time (tests and callers that do not read it). */
  public ShardState(String shard, Optional<ShardStatus> status, Optional<Timestamp> createdUpto,
      Optional<Timestamp> processedUpto, Optional<Timestamp> lastCommit, long recordsApplied,
      Optional<String> error) {
    this(shard, status, createdUpto, processedUpto, lastCommit, recordsApplied, error,
        Optional.empty());
  }

  /** True when the writer stopped this shard with a permanent error. */
  public boolean isError() {
    return status.filter(ShardStatus.ERROR::equals).isPresent();
  }

  /**
   * Replication lag: now minus {@code processedUpto}, the horizon before which every committed
   * change is applied (never negative). An idle, caught-up run keeps it small and steady (about
   * one window plus the reader's watermark delay); it grows only when the reader or the writer
   * stops moving. (Now minus the last applied commit, as before, grew forever on an idle run.)
   * Empty before the writer recorded progress.
   */
  public Optional<Duration> lag(Instant now) {
    return processedUpto.map(t -> nonNegative(Duration.between(instant(t), now)));
  }

  /** Time since the writer last wrote this shard's row; empty when unknown. */
  public Optional<Duration> sinceUpdate(Instant now) {
    return updatedAt.map(t -> nonNegative(Duration.between(instant(t), now)));
  }

  /**
   * True when the shard's row has not been written for longer than {@code after} although the
   * shard is not in ERROR: the writer (or the reader feeding it) stopped. A running writer
   * rewrites the row at least once a window, also when no data arrives.
   */
  public boolean isStalled(Instant now, Duration after) {
    return !isError() && sinceUpdate(now).filter(d -> d.compareTo(after) > 0).isPresent();
  }

  /**
   * True when the writer reports having applied past what the reader reports final. The two are
   * read in that order, so a race cannot cause it: it means the rows disagree (a reader resumed
   * from an earlier point after its rows were reset, or rows of another run).
   */
  public boolean isAppliedAheadOfCreated() {
    return createdUpto.isPresent() && processedUpto.isPresent()
        && processedUpto.get().compareTo(createdUpto.get()) > 0;
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Buffered but not yet applied: created up to minus applied up to (never negative). */
  public Optional<Duration> backlog() {
    if (createdUpto.isEmpty() || processedUpto.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(nonNegative(
        Duration.between(instant(processedUpto.get()), instant(createdUpto.get()))));
  }
}
