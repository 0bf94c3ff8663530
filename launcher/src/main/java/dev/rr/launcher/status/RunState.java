package dev.rr.launcher.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run's progress as read at one moment: every shard either side of the buffer knows about.
 *
 * @param runId the run identifier
 * @param readAt when the metadata was read (lag is measured against it)
 * @param shards one entry per shard, sorted by shard id
 */
public record RunState(String runId, Instant readAt, List<ShardState> shards) {
  public RunState {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(readAt, "readAt");
    shards = List.copyOf(shards);
  }
}
