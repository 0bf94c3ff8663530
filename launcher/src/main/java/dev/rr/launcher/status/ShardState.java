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
 */
public record ShardState(
    String shard,
    Optional<ShardStatus> status,
    Optional<Timestamp> createdUpto,
    Optional<Timestamp> processedUpto,
    Optional<Timestamp> lastCommit,
    long recordsApplied,
    Optional<String> error) {
  public ShardState {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdUpto, "createdUpto");
    Objects.requireNonNull(processedUpto, "processedUpto");
    Objects.requireNonNull(lastCommit, "lastCommit");
    Objects.requireNonNull(error, "error");
  }

  /** True when the writer stopped this shard with a permanent error. */
  public boolean isError() {
    return status.filter(ShardStatus.ERROR::equals).isPresent();
  }

  /** Now minus the last applied commit, empty before the first applied change. */
  public Optional<Duration> lag(Instant now) {
    return lastCommit.map(t -> Duration.between(t.toSqlTimestamp().toInstant(), now));
  }

  /** Buffered but not yet applied: created up to minus applied up to (never negative). */
  public Optional<Duration> backlog() {
    if (createdUpto.isEmpty() || processedUpto.isEmpty()) {
      return Optional.empty();
    }
    Duration gap = Duration.between(processedUpto.get().toSqlTimestamp().toInstant(),
        createdUpto.get().toSqlTimestamp().toInstant());
    return Optional.of(gap.isNegative() ? Duration.ZERO : gap);
  }
}
