package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Polls a run's progress until {@link CutoverCheck} says DONE or FAILED, or a timeout passes. */
public final class CutoverWaiter {
  /** Waits between polls; a test replaces it to advance a fake clock. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final RunStateSource source;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PrintWriter out;

  public CutoverWaiter(RunStateSource source, Clock clock, Sleeper sleeper, PrintWriter out) {
    this.source = source;
    this.clock = clock;
    this.sleeper = sleeper;
    this.out = out;
  }

  /**
   * Waits until every shard of {@code runId} has applied all changes committed up to {@code at}.
   * Prints a line whenever the set of shards behind changes.
   *
   * @return DONE, FAILED (a shard in ERROR), or WAITING when {@code timeout} passed first; the
   *     reasons name the shards concerned
   */
  public CutoverCheck.Outcome await(String runId, Timestamp at, Duration timeout, Duration poll)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    String previous = "";
    while (true) {
      CutoverCheck.Outcome outcome = CutoverCheck.evaluate(source.read(runId), at);
      if (outcome.verdict() != CutoverCheck.Verdict.WAITING) {
        return outcome;
      }
      String summary = String.join("; ", outcome.reasons());
      if (!summary.equals(previous)) {
        out.printf("waiting for every shard to pass %s: %s%n", at, summary);
        out.flush();
        previous = summary;
      }
      if (!clock.instant().isBefore(deadline)) {
        return outcome;
      }
      sleeper.sleep(poll);
    }
  }
}
