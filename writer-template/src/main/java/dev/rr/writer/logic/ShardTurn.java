package dev.rr.writer.logic;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One turn of a shard on a runner thread: runs the worker, and while it only waits (for the
 * reader's next window, or for its server) and the wait fits in the turn's budget, waits on this
 * thread and runs it again, instead of handing the wait back to the runner.
 *
 * <p>Why: a runner resumes a waiting shard only after its own scheduling, and the DirectRunner's
 * scheduler polls without sleeping whenever a thread is free (about 0.8 of a core on 2 cores in
 * `rr bench lag`, CPU the reader, the emulator and MySQL then miss). A turn that waits on its own
 * thread notices a new window at the poll interval and leaves the scheduler no free thread to
 * spin on. A turn still ends within its budget, so the runner checkpoints as before.
 */
public final class ShardTurn {

  /** Sleeps for a duration; {@link Thread#sleep} in production. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private ShardTurn() {}

  /**
   * Runs {@code worker} (given the budget left) until it has something other than a wait to say,
   * or until the next wait would end past {@code budget}.
   *
   * @param nanoTime a monotonic clock in nanoseconds
   * @return the last result; a wait when the budget is spent or the thread was interrupted (the
   *     interrupt flag is then set again)
   */
  public static ShardWorker.RunResult run(
      Function<Duration, ShardWorker.RunResult> worker,
      Duration budget,
      LongSupplier nanoTime,
      Sleeper sleeper) {
    long deadline = nanoTime.getAsLong() + budget.toNanos();
    ShardWorker.RunResult result = worker.apply(budget);
    while (result.outcome() == ShardWorker.Outcome.WAIT
        && nanoTime.getAsLong() + result.resumeAfter().toNanos() < deadline) {
      try {
        sleeper.sleep(result.resumeAfter());
      } catch (InterruptedException e) {
        // The runner is stopping: hand the wait back.
        Thread.currentThread().interrupt();
        return result;
      }
      result = worker.apply(Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong())));
    }
    return result;
  }
}
