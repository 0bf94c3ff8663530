package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.IntervalGrid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
  private static final IntervalGrid GRID =
      IntervalGrid.anchoredAt(Timestamp.parseTimestamp("2024-01-01T00:00:00Z"), Duration.ofSeconds(10));

  private static Instant at(int seconds) {
    return START.plusSeconds(seconds);
  }

  private static List<ProgressUpdate> all(Instant end, String... shards) {
    return java.util.Arrays.stream(shards).map(s -> new ProgressUpdate(s, end)).toList();
  }

  @Test
  void shouldStartAtTheFirstWindowEndAndPublishEveryShardAtEachEnd() {
    ProgressPlan plan = new ProgressPlan(GRID, START, null, List.of("s1", "s2"), Map.of());
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO);

    assertEquals(at(10), plan.firstWindowEnd());
    ProgressTracker.Step step = tracker.onWindowEnd(at(10), NOW);
    assertEquals(all(at(10), "s1", "s2"), step.publish());
    assertEquals(Optional.of(at(20)), step.nextWindowEnd());
    assertEquals(all(at(20), "s1", "s2"), tracker.onWindowEnd(at(20), NOW).publish());
  }

  @Test
  void shouldEndAtTheWindowHoldingTheEndTimestampOfABoundedRun() {
    ProgressPlan plan = new ProgressPlan(GRID, START, at(25), List.of("s1"), Map.of());
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO);

    assertEquals(Optional.of(at(30)), tracker.onWindowEnd(at(20), NOW).nextWindowEnd());
    ProgressTracker.Step last = tracker.onWindowEnd(at(30), NOW);
    assertEquals(all(at(30), "s1"), last.publish());
    assertEquals(Optional.empty(), last.nextWindowEnd());
  }

  @Test
  void shouldTreatAnEndTimestampOnABoundaryAsInsideTheWindowItStarts() {
    // endTimestamp is inclusive: a commit at exactly 00:00:20 lies in [20, 30).
    ProgressPlan plan = new ProgressPlan(GRID, START, at(20), List.of("s1"), Map.of());
    assertTrue(plan.nextWindowEnd(at(20)).isPresent());
    assertTrue(plan.isLast(at(30)));
  }

  @Test
  void shouldSpaceWritesWhileCatchingUpAndAlwaysWriteTheLastEnd() {
    ProgressPlan plan = new ProgressPlan(GRID, START, at(45), List.of("s1"), Map.of());
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ofSeconds(1));

    // Four window ends pass within the same wall-clock second: only the first and the last
    // (the run's final end) are written.
    assertEquals(all(at(10), "s1"), tracker.onWindowEnd(at(10), NOW).publish());
    assertEquals(List.of(), tracker.onWindowEnd(at(20), NOW.plusMillis(10)).publish());
    assertEquals(List.of(), tracker.onWindowEnd(at(30), NOW.plusMillis(20)).publish());
    assertEquals(all(at(40), "s1"), tracker.onWindowEnd(at(40), NOW.plusMillis(1_010)).publish());
    assertEquals(all(at(50), "s1"), tracker.onWindowEnd(at(50), NOW.plusMillis(1_020)).publish());
  }

  @Test
  void shouldFlushAHeldBackEndOnceThePacingIntervalHasPassed() {
    ProgressPlan plan = new ProgressPlan(GRID, START, null, List.of("s1"), Map.of());
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ofSeconds(1));

    assertEquals(Optional.empty(), tracker.flushDueAt());
    assertEquals(all(at(10), "s1"), tracker.onWindowEnd(at(10), NOW).publish());
    assertEquals(Optional.empty(), tracker.flushDueAt());
    // The watermark passes two more ends within the second, then stalls.
    assertEquals(List.of(), tracker.onWindowEnd(at(20), NOW.plusMillis(100)).publish());
    assertEquals(Optional.of(at(40)), tracker.onWindowEnd(at(30), NOW.plusMillis(200)).nextWindowEnd());
    assertEquals(Optional.of(NOW.plusSeconds(1)), tracker.flushDueAt());
    assertEquals(List.of(), tracker.flush(NOW.plusMillis(900)));
    assertEquals(all(at(30), "s1"), tracker.flush(NOW.plusMillis(1_000)));
    assertEquals(Optional.empty(), tracker.flushDueAt());
    assertEquals(List.of(), tracker.flush(NOW.plusMillis(5_000)));
    // The loop goes on from where it was; the next end is paced from the flush.
    assertEquals(List.of(), tracker.onWindowEnd(at(40), NOW.plusMillis(1_500)).publish());
    assertEquals(all(at(50), "s1"), tracker.onWindowEnd(at(50), NOW.plusMillis(2_000)).publish());
  }

  @Test
  void shouldNeverMoveProgressBackForAShardThatIsAlreadyFurther() {
    ProgressPlan plan =
        new ProgressPlan(GRID, START, null, List.of("s1", "s2"), Map.of("s1", at(30)));
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO);

    assertEquals(all(at(10), "s2"), tracker.onWindowEnd(at(10), NOW).publish());
    assertEquals(all(at(30), "s2"), tracker.onWindowEnd(at(30), NOW).publish());
    assertEquals(all(at(40), "s1", "s2"), tracker.onWindowEnd(at(40), NOW).publish());
  }

  @Test
  void shouldStopWhenTheWatermarkRunsAheadOfTheWallClockAndFlushWhatWasPassed() {
    ProgressPlan plan = new ProgressPlan(GRID, START, null, List.of("s1"), Map.of());
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ofSeconds(1));
    Instant now = at(25);

    tracker.onWindowEnd(at(10), now);
    assertEquals(List.of(), tracker.onWindowEnd(at(20), now).publish());
    // A drained source moves the watermark to infinity: window ends far beyond now.
    ProgressTracker.Step step = tracker.onWindowEnd(at(20 + 70), now);
    assertEquals(all(at(20), "s1"), step.publish());
    assertEquals(Optional.empty(), step.nextWindowEnd());
  }

  @Test
  void shouldKeepLoopingForWindowEndsSlightlyAheadOfTheWallClock() {
    ProgressPlan plan = new ProgressPlan(GRID, START, null, List.of("s1"), Map.of());
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO);

    ProgressTracker.Step step = tracker.onWindowEnd(at(30), at(25));
    assertEquals(all(at(30), "s1"), step.publish());
    assertEquals(Optional.of(at(40)), step.nextWindowEnd());
  }

  /** A source that answers what the test sets, counting the questions. */
  private static final class FakeSource implements ReadPosition {
    ReadPosition.Answer answer;
    int asked;

    FakeSource(ReadPosition.Answer answer) {
      this.answer = answer;
    }

    @Override
    public ReadPosition.Answer ask() {
      asked++;
      return answer;
    }

    @Override
    public void close() {}
  }

  @Test
  void shouldNotPublishWindowsADrainedSourceNeverRead() {
    // Drain: the watermark runs through every window end while the source stopped at 00:00:25.
    ProgressPlan plan = new ProgressPlan(GRID, START, null, List.of("s1"), Map.of());
    FakeSource source = new FakeSource(ReadPosition.Answer.readUpTo(at(25)));
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO, source);
    Instant now = at(60);

    assertEquals(all(at(10), "s1"), tracker.onWindowEnd(at(10), now).publish());
    assertEquals(all(at(20), "s1"), tracker.onWindowEnd(at(20), now).publish());
    assertEquals(List.of(), tracker.onWindowEnd(at(30), now).publish());
    assertEquals(List.of(), tracker.onWindowEnd(at(40), now).publish());
    assertTrue(tracker.isHeldBySource());
    // Asked again at most once a second, and nothing past the source until it reads on.
    assertEquals(Optional.of(now.plusSeconds(1)), tracker.flushDueAt());
    assertEquals(List.of(), tracker.flush(now.plusSeconds(1)));
    // The watermark runs past the wall clock: the loop ends, and the held-back end is given up
    // (no timer may keep a draining job alive).
    ProgressTracker.Step beyond = tracker.onWindowEnd(at(60 + 70), now.plusSeconds(2));
    assertEquals(List.of(), beyond.publish());
    assertEquals(Optional.empty(), beyond.nextWindowEnd());
    assertEquals(Optional.empty(), tracker.flushDueAt());
  }

  @Test
  void shouldPublishAHeldBackEndOnceTheSourceHasReadPastIt() {
    ProgressPlan plan = new ProgressPlan(GRID, START, null, List.of("s1"), Map.of());
    FakeSource source = new FakeSource(ReadPosition.Answer.readUpTo(at(15)));
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO, source);

    // The window end the source has read past is published, the later one held back.
    assertEquals(all(at(10), "s1"), tracker.onWindowEnd(at(30), NOW).publish());
    assertTrue(tracker.isHeldBySource());
    source.answer = ReadPosition.Answer.readUpTo(at(31));
    assertEquals(all(at(30), "s1"), tracker.flush(NOW.plusSeconds(1)));
    assertEquals(Optional.empty(), tracker.flushDueAt());
  }

  @Test
  void shouldAskTheSourceOnlyWhenTheWatermarkPassesWhatItLastSaid() {
    ProgressPlan plan = new ProgressPlan(GRID, START, null, List.of("s1"), Map.of());
    FakeSource source = new FakeSource(ReadPosition.Answer.readUpTo(at(45)));
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO, source);

    for (int end = 10; end <= 40; end += 10) {
      assertEquals(all(at(end), "s1"), tracker.onWindowEnd(at(end), NOW).publish());
    }
    assertEquals(1, source.asked);
  }

  @Test
  void shouldPublishNothingWhileAnUnboundedRunsSourceCannotSay() {
    ProgressPlan plan = new ProgressPlan(GRID, START, null, List.of("s1"), Map.of());
    FakeSource source = new FakeSource(ReadPosition.Answer.unknown());
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO, source);

    assertEquals(List.of(), tracker.onWindowEnd(at(10), NOW).publish());
    source.answer = ReadPosition.Answer.readUpTo(at(12));
    assertEquals(all(at(10), "s1"), tracker.flush(NOW.plusSeconds(1)));
  }

  @Test
  void shouldTrustTheWatermarkOnceABoundedRunsSourceIsFinishedOrGone() {
    ProgressPlan plan = new ProgressPlan(GRID, START, at(25), List.of("s1"), Map.of());
    FakeSource gone = new FakeSource(ReadPosition.Answer.unknown());
    ProgressTracker tracker = new ProgressTracker(plan, Duration.ZERO, gone);
    assertEquals(all(at(30), "s1"), tracker.onWindowEnd(at(30), NOW).publish());

    FakeSource finished = new FakeSource(ReadPosition.Answer.finished());
    ProgressTracker other = new ProgressTracker(plan, Duration.ZERO, finished);
    assertEquals(all(at(20), "s1"), other.onWindowEnd(at(20), NOW).publish());
    assertEquals(all(at(30), "s1"), other.onWindowEnd(at(30), NOW).publish());
    assertEquals(1, finished.asked);
  }
}
