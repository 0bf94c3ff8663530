package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.cloud.Timestamp;
import dev.rr.launcher.check.SchemaTransactions.Commit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the diff checker's drain fault stops the reader. */
class DiffFaultsTest {
  private static final Instant START = Instant.parse("2026-12-06T03:00:00.300Z");

  @Test
  void shouldDrainAQuarterIntoTheWindowHoldingOneSecondAgo() {
    Instant now = START.plusMillis(7_900);

    assertEquals(START.plusMillis(6_500), DiffFaults.drainPoint(START, now));
  }

  @Test
  void shouldNeverDrainLaterThanHalfASecondAgo() {
    for (long millis = 2_000; millis < 20_000; millis += 37) {
      Instant now = START.plusMillis(millis);

      assertFalse(DiffFaults.drainPoint(START, now).isAfter(now.minusMillis(500)), "now " + now);
    }
  }

  @Test
  void shouldDrainBetweenTheLatestTwoCommitsOfOneShardInOneWindow() {
    List<Commit> commits = List.of(commit(1_900, "shard2"), commit(2_100, "shard1"),
        commit(2_900, "shard1"), commit(3_900, "shard2"), commit(4_100, "shard2"));

    assertEquals(Optional.of(START.plusMillis(2_500)),
        DiffFaults.between(commits, START.plusMillis(2_000), START));
  }

  @Test
  void shouldNotDrainBeforeCreatedUptoOrAcrossAWindowEnd() {
    List<Commit> commits = List.of(commit(2_100, "shard1"), commit(2_900, "shard1"),
        commit(3_900, "shard2"), commit(4_100, "shard2"));

    assertEquals(Optional.empty(), DiffFaults.between(commits, START.plusMillis(2_200), START));
  }

  private static Commit commit(long millis, String shard) {
    Instant at = START.plusMillis(millis);
    return new Commit(Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano()), shard);
  }
}
