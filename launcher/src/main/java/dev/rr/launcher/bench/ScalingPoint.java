package dev.rr.launcher.bench;

import java.time.Duration;
import java.util.List;

/**
 * The writer over {@code shards} shards at once.
 *
 * @param shards number of shards
 * @param records change records of all shards
 * @param elapsed until the last shard was done
 * @param runs each shard's part
 * @param heapBaselineBytes heap in use after a collection, before the run
 * @param heapPeakBytes highest sampled heap use during the run (garbage included)
 * @param heapAfterGcBytes highest heap use right after a collection during the run
 * @param verifications the state check of every shard
 */
public record ScalingPoint(
    int shards,
    long records,
    Duration elapsed,
    List<ShardRun> runs,
    long heapBaselineBytes,
    long heapPeakBytes,
    long heapAfterGcBytes,
    List<Verification> verifications) {

  public ScalingPoint {
    runs = List.copyOf(runs);
    verifications = List.copyOf(verifications);
  }

  /** All shards' records per second. */
  public double totalRecordsPerSecond() {
    return records / (Math.max(elapsed.toNanos(), 1) / 1e9);
  }

  /** Average of the shards' own records per second. */
  public double perShardRecordsPerSecond() {
    return runs.stream().mapToDouble(ShardRun::recordsPerSecond).average().orElse(0);
  }

  /** The slowest shard's records per second. */
  public double slowestShardRecordsPerSecond() {
    return runs.stream().mapToDouble(ShardRun::recordsPerSecond).min().orElse(0);
  }

  /** True when every shard holds exactly the expected rows. */
  public boolean verified() {
    return !verifications.isEmpty() && verifications.stream().allMatch(Verification::ok);
  }
}
