package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tells, across the polls of a cutover, whether the reader stopped: a shard the reader has not
 * yet finished past the cutover time whose {@code created_upto} has not moved for
 * {@code stallAfter}. A running reader moves it every window even without data (the change
 * stream's heartbeats move the watermark), so waiting longer cannot help.
 */
final class ReaderStallWatch {
  private final Duration stallAfter;
  private final Map<String, Timestamp> lastSeen = new HashMap<>();
  private final Map<String, Instant> unchangedSince = new HashMap<>();

  ReaderStallWatch(Duration stallAfter) {
    this.stallAfter = Objects.requireNonNull(stallAfter, "stallAfter");
  }

  /**
   * Records {@code state}, read at {@code now}, and returns one reason per shard whose reader
   * side stalled short of {@code at}; empty while every such shard still moves.
   */
  List<String> stalled(RunState state, Timestamp at, Instant now) {
    List<String> reasons = new ArrayList<>();
    for (ShardState shard : state.shards()) {
      Timestamp created = shard.createdUpto().orElse(null);
      if (created != null && created.compareTo(at) > 0) {
        continue;
      }
      Timestamp previous = lastSeen.get(shard.shard());
      if (!unchangedSince.containsKey(shard.shard()) || !Objects.equals(previous, created)) {
        lastSeen.put(shard.shard(), created);
        unchangedSince.put(shard.shard(), now);
        continue;
      }
      Duration still = Duration.between(unchangedSince.get(shard.shard()), now);
      if (still.compareTo(stallAfter) >= 0) {
        reasons.add("shard " + shard.shard() + ": the reader's created_upto has stayed at "
            + StatusTable.time(shard.createdUpto()) + " for " + StatusTable.duration(still)
            + ", short of " + StatusTable.time(java.util.Optional.of(at)) + ": the reader is not"
            + " running or not advancing (check its job; rr status shows every shard)");
      }
    }
    return reasons;
  }
}
