package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardTurnTest {
  private static final Duration BUDGET = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(250);

  private final FakeTime time = new FakeTime();
  private final AtomicBoolean stopped = new AtomicBoolean();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  /** A clock that only the sleeper moves. */
  private static final class FakeTime {
    long nanos;
    final List<Duration> slept = new ArrayList<>();

    void sleep(Duration duration) {
      slept.add(duration);
      nanos += duration.toNanos();
    }

    Duration total() {
      return Duration.ofNanos(nanos);
    }
  }

  /** A worker answering scripted results and recording the budget of each call. */
  private static final class Script {
    final Deque<ShardWorker.RunResult> results;
    final List<Duration> budgets = new ArrayList<>();

    Script(ShardWorker.RunResult... results) {
      this.results = new ArrayDeque<>(List.of(results));
    }

    ShardWorker.RunResult runFor(Duration budget) {
      budgets.add(budget);
      return results.removeFirst();
    }
  }

  private static ShardWorker.RunResult waitFor(Duration delay) {
    return new ShardWorker.RunResult(ShardWorker.Outcome.WAIT, delay);
  }

  private static final ShardWorker.RunResult CONTINUE =
      new ShardWorker.RunResult(ShardWorker.Outcome.CONTINUE, Duration.ZERO);

  private ShardWorker.RunResult turn(Script worker) {
    return ShardTurn.run(worker::runFor, BUDGET, () -> time.nanos, time::sleep, stopped::get);
  }

  @Test
  void shouldWaitOnItsOwnThreadInShortSleepsAndRunAgainWhileTheBudgetLasts() {
    Script worker = new Script(waitFor(POLL), waitFor(POLL), CONTINUE);

    assertEquals(CONTINUE, turn(worker));
    assertEquals(POLL.multipliedBy(2), time.total());
    assertTrue(time.slept.stream().allMatch(d -> d.compareTo(ShardTurn.STOP_CHECK) <= 0),
        "sleeps " + time.slept);
    assertEquals(List.of(BUDGET, BUDGET.minus(POLL), BUDGET.minus(POLL).minus(POLL)),
        worker.budgets);
  }

  @Test
  void shouldHandAWaitBackToTheRunnerWhenItWouldEndPastTheBudget() {
    Script worker = new Script(waitFor(POLL), waitFor(Duration.ofSeconds(30)));

    assertEquals(waitFor(Duration.ofSeconds(30)), turn(worker));
    assertEquals(POLL, time.total());
  }

  @Test
  void shouldReturnAtOnceWhenTheWorkerIsDoneOrFailed() {
    ShardWorker.RunResult done = new ShardWorker.RunResult(ShardWorker.Outcome.DONE, Duration.ZERO);

    assertEquals(done, turn(new Script(done)));
    assertEquals(List.of(), time.slept);
  }

  @Test
  void shouldStopWaitingWithinAStopCheckWhenTheRuntimeIsClosed() {
    Script worker = new Script(waitFor(Duration.ofSeconds(2)), CONTINUE);

    ShardWorker.RunResult result = ShardTurn.run(worker::runFor, BUDGET, () -> time.nanos,
        d -> {
          time.sleep(d);
          if (time.total().compareTo(Duration.ofMillis(300)) >= 0) {
            stopped.set(true);
          }
        },
        stopped::get);

    assertEquals(waitFor(Duration.ofSeconds(2)), result);
    assertEquals(Duration.ofMillis(300), time.total());
    assertEquals(1, worker.budgets.size(), "the closed runtime's worker is not run again");
  }

  @Test
  void shouldNotWaitAtAllOnceStopped() {
    stopped.set(true);
    Script worker = new Script(waitFor(POLL), CONTINUE);

    assertEquals(waitFor(POLL), turn(worker));
    assertEquals(List.of(), time.slept);
  }

  @Test
  void shouldHandTheWaitBackAndKeepTheInterruptWhenTheRunnerStops() {
    Script worker = new Script(waitFor(POLL), CONTINUE);

    ShardWorker.RunResult result = ShardTurn.run(worker::runFor, BUDGET, () -> time.nanos,
        d -> {
          throw new InterruptedException("stopping");
        },
        stopped::get);

    assertEquals(waitFor(POLL), result);
    assertTrue(Thread.currentThread().isInterrupted());
    assertEquals(1, worker.budgets.size());
  }
}
