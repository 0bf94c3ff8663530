package dev.rr.writer.logic;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One turn of a shard on a runner thread: runs the worker, and while it only waits (for the
 * reader's next window, or for its server) and the wait fits in the turn's budget, waits on this
 * thread and runs it again, instead of handing every wait back to the runner.
 *
 * <p>Why: a runner resumes a waiting shard only after its own scheduling, and the DirectRunner's
 * scheduler polls without sleeping whenever one of its threads is free (about 0.8 of a core on 2
 * cores in {@code rr bench lag}, CPU that the reader, the emulator and MySQL then miss). A turn
 * that waits on its own thread notices a new window at the poll interval and leaves the scheduler
 * no free thread to spin on. A turn still ends within its budget, so the runner checkpoints as
 * before.
 *
 * <p>A turn ends early, handing its wait back, as soon as it is told to stop (the runtime it works
 * with was closed: the pipeline was cancelled or finished) or its thread is interrupted; it looks
 * at both at least every {@link #STOP_CHECK}, so a cancelled pipeline's thread does not keep
 * polling a closed runtime for the rest of its budget.
 */
public final class ShardTurn {

  /** How often a waiting turn checks whether it must stop. */
  static final Duration STOP_CHECK = Duration.ofMillis(100);

  /** Sleeps for a duration; {@link Thread#sleep} in production. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private ShardTurn() {}

  /**
   * Runs {@code worker} (given the budget left) until it has something other than a wait to say,
   * until the next wait would end past {@code budget}, or until {@code stopped}.
   *
   * @param nanoTime a monotonic clock in nanoseconds
   * @param stopped true once the turn must end (the worker's runtime is closed)
   * @return the last result; a wait when the budget is spent, the turn was stopped or the thread
   *     was interrupted (the interrupt flag is then set again)
   */
  public static ShardWorker.RunResult run(
      Function<Duration, ShardWorker.RunResult> worker,
      Duration budget,
      LongSupplier nanoTime,
      Sleeper sleeper,
      BooleanSupplier stopped) {
    long deadline = nanoTime.getAsLong() + budget.toNanos();
    ShardWorker.RunResult result = worker.apply(budget);
    while (result.outcome() == ShardWorker.Outcome.WAIT) {
      long wakeUp = nanoTime.getAsLong() + result.resumeAfter().toNanos();
      if (wakeUp >= deadline) {
        return result;
      }
      try {
        for (long left = wakeUp - nanoTime.getAsLong(); left > 0;
            left = wakeUp - nanoTime.getAsLong()) {
          if (stopped.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            return result;
          }
          sleeper.sleep(Duration.ofNanos(Math.min(left, STOP_CHECK.toNanos())));
        }
      } catch (InterruptedException e) {
        // The runner is stopping: hand the wait back.
        Thread.currentThread().interrupt();
        return result;
      }
      if (stopped.getAsBoolean()) {
        return result;
      }
      result = worker.apply(Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong())));
    }
    return result;
  }
}
