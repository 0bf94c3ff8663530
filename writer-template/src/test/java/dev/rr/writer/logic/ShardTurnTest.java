package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardTurnTest {
  private static final Duration BUDGET = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(200);

  private final FakeTime time = new FakeTime();

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

  @Test
  void shouldWaitOnItsOwnThreadAndRunAgainWhileTheBudgetLasts() {
    Script worker = new Script(waitFor(POLL), waitFor(POLL), CONTINUE);

    ShardWorker.RunResult result =
        ShardTurn.run(worker::runFor, BUDGET, () -> time.nanos, time::sleep);

    assertEquals(CONTINUE, result);
    assertEquals(List.of(POLL, POLL), time.slept);
    assertEquals(List.of(BUDGET, BUDGET.minus(POLL), BUDGET.minus(POLL).minus(POLL)),
        worker.budgets);
  }

  @Test
  void shouldHandAWaitBackToTheRunnerWhenItWouldEndPastTheBudget() {
    Script worker = new Script(waitFor(POLL), waitFor(Duration.ofSeconds(30)));

    ShardWorker.RunResult result =
        ShardTurn.run(worker::runFor, BUDGET, () -> time.nanos, time::sleep);

    assertEquals(waitFor(Duration.ofSeconds(30)), result);
    assertEquals(List.of(POLL), time.slept);
  }

  @Test
  void shouldReturnAtOnceWhenTheWorkerIsDoneOrFailed() {
    ShardWorker.RunResult done = new ShardWorker.RunResult(ShardWorker.Outcome.DONE, Duration.ZERO);
    Script worker = new Script(done);

    assertEquals(done, ShardTurn.run(worker::runFor, BUDGET, () -> time.nanos, time::sleep));
    assertEquals(List.of(), time.slept);
  }

  @Test
  void shouldHandTheWaitBackAndKeepTheInterruptWhenTheRunnerStops() {
    Script worker = new Script(waitFor(POLL), CONTINUE);

    ShardWorker.RunResult result = ShardTurn.run(worker::runFor, BUDGET, () -> time.nanos,
        d -> {
          throw new InterruptedException("stopping");
        });

    assertEquals(waitFor(POLL), result);
    assertTrue(Thread.currentThread().isInterrupted());
    assertEquals(1, worker.budgets.size());
  }
}
