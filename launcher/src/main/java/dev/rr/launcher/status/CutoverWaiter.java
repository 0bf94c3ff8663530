package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
  private final Duration readerStallAfter;

  /** How long the reader's created_upto may stand still before a cutover fails by default. */
  public static final Duration DEFAULT_READER_STALL = Duration.ofMinutes(2);

  public CutoverWaiter(RunStateSource source, Clock clock, Sleeper sleeper, PrintWriter out) {
    this(source, clock, sleeper, out, DEFAULT_READER_STALL);
  }

  /**
   * @param out where progress lines go (a null writer when nobody watches)
   * @param readerStallAfter fail once a shard's created_upto, still short of the cutover time,
   *     has not moved for this long
   */
  public CutoverWaiter(RunStateSource source, Clock clock, Sleeper sleeper, PrintWriter out,
      Duration readerStallAfter) {
    this.source = source;
    this.clock = clock;
    this.sleeper = sleeper;
    this.out = out;
    this.readerStallAfter = readerStallAfter;
  }

  /**
   * Waits until every shard of {@code runId} has applied all changes committed up to {@code at}.
   * Prints a line whenever the set of shards behind changes.
   *
   * @return DONE, FAILED (a shard in ERROR, or the reader's created_upto stopped short of
   *     {@code at}), or WAITING when {@code timeout} passed first; the reasons name the shards
   */
  public CutoverCheck.Outcome await(String runId, Timestamp at, Duration timeout, Duration poll)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    String previous = "";
    ReaderStallWatch stalls = new ReaderStallWatch(readerStallAfter);
    while (true) {
      RunState state = source.read(runId);
      CutoverCheck.Outcome outcome = CutoverCheck.evaluate(state, at);
      if (outcome.verdict() != CutoverCheck.Verdict.WAITING) {
        return outcome;
      }
      List<String> stalled = stalls.stalled(state, at, clock.instant());
      if (!stalled.isEmpty()) {
        return new CutoverCheck.Outcome(CutoverCheck.Verdict.FAILED, stalled);
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
