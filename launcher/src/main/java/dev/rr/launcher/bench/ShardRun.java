package dev.rr.launcher.bench;

import java.time.Duration;

/**
 * One shard's part of a writer run.
 *
 * @param shard logical shard id
 * @param records change records of the shard
 * @param elapsed from the start of the run until this shard was done
 */
public record ShardRun(String shard, long records, Duration elapsed) {

  /** The shard's records per second. */
  public double recordsPerSecond() {
    return records / (Math.max(elapsed.toNanos(), 1) / 1e9);
  }
}
