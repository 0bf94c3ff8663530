package dev.rr.launcher.e2e;

import com.google.cloud.Timestamp;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Waiting on the writer's progress rows of a scenario (status, processed position, by shard). */
final class ProgressWait {
  /** The longest a scenario waits for one thing its pipelines should do. */
  static final Duration PATIENCE = Duration.ofMinutes(2);

  private ProgressWait() {}

  /** The progress rows once {@code done} holds for them, or the last ones read after {@link #PATIENCE}. */
  static Map<String, ShardProgress> await(ReplicationFixture fixture,
      Predicate<Map<String, ShardProgress>> done) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, ShardProgress> progress = fixture.shardProgress();
    while (!done.test(progress) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      progress = fixture.shardProgress();
    }
    return progress;
  }

  /** Whether {@code progress} is healthy and its shard applied past {@code at}. */
  static boolean appliedPast(ShardProgress progress, Timestamp at) {
    return progress != null && progress.status() == ShardStatus.SUCCESS
        && progress.processedUpto().compareTo(at) > 0;
  }
}
