package dev.rr.launcher.status;

import static dev.rr.launcher.status.States.shard;
import static dev.rr.launcher.status.States.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutoverWaiterTest {
  /** A clock the fake sleeper moves forward. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2024-05-01T10:01:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MovingClock clock = new MovingClock();
  final StringWriter printed = new StringWriter();

  CutoverWaiter waiter(Deque<RunState> states) {
    RunStateSource source = runId -> states.size() > 1 ? states.poll() : states.peek();
    return new CutoverWaiter(source, clock, d -> clock.now = clock.now.plus(d),
        new PrintWriter(printed, true));
  }

  RunState state(ShardState... shards) {
    return new RunState("r", clock.now, List.of(shards));
  }

  @Test
  void shouldReturnDoneOnceLastShardCatchesUp() throws InterruptedException {
    Deque<RunState> states = new ArrayDeque<>(List.of(
        state(shard("s1", "SUCCESS", "2024-05-01T10:00:10Z", "2024-05-01T10:00:00Z")),
        state(shard("s1", "SUCCESS", "2024-05-01T10:00:10Z", "2024-05-01T10:00:10Z"))));

    CutoverCheck.Outcome outcome = waiter(states)
        .await("r", ts("2024-05-01T10:00:05Z"), Duration.ofMinutes(1), Duration.ofSeconds(2));

    assertEquals(CutoverCheck.Verdict.DONE, outcome.verdict());
    assertTrue(printed.toString().contains("waiting for every shard to pass 2024-05-01T10:00:05Z: shard s1: applied up to 2024-05-01T10:00:00.000Z"), printed.toString());
  }

  @Test
  void shouldGiveUpAfterTimeoutNamingShardsBehind() throws InterruptedException {
    Deque<RunState> states = new ArrayDeque<>(List.of(
        state(shard("s1", "RETRYING", "2024-05-01T10:00:10Z", "2024-05-01T10:00:00Z"))));
    Instant start = clock.now;

    CutoverCheck.Outcome outcome = waiter(states)
        .await("r", ts("2024-05-01T10:00:05Z"), Duration.ofSeconds(30), Duration.ofSeconds(2));

    assertEquals(CutoverCheck.Verdict.WAITING, outcome.verdict());
    assertTrue(outcome.reasons().get(0).startsWith("shard s1"), outcome.reasons().toString());
    assertEquals(Duration.ofSeconds(30), Duration.between(start, clock.now));
  }

  @Test
  void shouldStopWaitingAsSoonAsAShardIsInError() throws InterruptedException {
    Deque<RunState> states = new ArrayDeque<>(List.of(state(States.failed("s2", "bad value"))));

    CutoverCheck.Outcome outcome = waiter(states)
        .await("r", ts("2024-05-01T10:00:05Z"), Duration.ofMinutes(1), Duration.ofSeconds(2));

    assertEquals(CutoverCheck.Verdict.FAILED, outcome.verdict());
    assertEquals(Instant.parse("2024-05-01T10:01:00Z"), clock.now);
  }

  @Test
  void shouldFailFastWhenTheReadersCreatedUptoStopsShortOfTheCutoverTime() throws InterruptedException {
    Deque<RunState> states = new ArrayDeque<>(List.of(
        state(shard("s1", "SUCCESS", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z"))));
    Instant start = clock.now;

    CutoverCheck.Outcome outcome = waiter(states)
        .await("r", ts("2024-05-01T10:00:05Z"), Duration.ofMinutes(10), Duration.ofSeconds(2));

    assertEquals(CutoverCheck.Verdict.FAILED, outcome.verdict());
    assertTrue(outcome.reasons().get(0).startsWith("shard s1: the reader's created_upto has stayed at"
        + " 2024-05-01T10:00:00.000Z for 2m00s"), outcome.reasons().toString());
    assertEquals(CutoverWaiter.DEFAULT_READER_STALL, Duration.between(start, clock.now));
  }

  @Test
  void shouldKeepWaitingWhileTheReaderStillMoves() throws InterruptedException {
    Deque<RunState> states = new ArrayDeque<>();
    for (int i = 0; i < 100; i++) {
      String created = Instant.parse("2024-05-01T09:00:00Z").plusSeconds(i).toString();
      states.add(state(shard("s1", "SUCCESS", created, created)));
    }

    CutoverCheck.Outcome outcome = waiter(states)
        .await("r", ts("2024-05-01T10:00:05Z"), Duration.ofMinutes(3), Duration.ofSeconds(2));

    assertEquals(CutoverCheck.Verdict.WAITING, outcome.verdict(), outcome.reasons().toString());
  }
}
