package dev.rr.reader.logic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns window ends passed by the watermark into metadata writes. Live, the timer fires once per
 * window and every window end is written. While catching up (many windows pass within moments),
 * writes are spaced at least {@code minWriteInterval} apart in wall-clock time: a skipped value is
 * only ever behind the truth, never ahead, and the next write carries the latest end. A held-back
 * end is written by {@link #flush} once the interval has passed, so progress never waits for the
 * watermark to pass yet another window (the change-stream watermark advances in bursts, seconds
 * to minutes apart). The last window end of a bounded run is always written.
 *
 * <p>One instance per DoFn instance; not thread-safe.
 */
public final class ProgressTracker {

  /** What to do at one window end. */
  public record Step(List<ProgressUpdate> publish, Optional<Instant> nextWindowEnd) {}

  private final ProgressPlan plan;
  private final Duration minWriteInterval;
  private Instant lastWriteAt;
  private Instant pendingEnd;

  public ProgressTracker(ProgressPlan plan, Duration minWriteInterval) {
    this.plan = plan;
    this.minWriteInterval = minWriteInterval;
  }

  /** The watermark has passed window end {@code end}; {@code now} is the wall clock. */
  public Step onWindowEnd(Instant end, Instant now) {
    if (plan.isBeyondWallClock(end, now)) {
      // The source stopped (drain or shutdown): publish what was truly passed, then stop looping.
      Instant flush = pendingEnd;
      pendingEnd = null;
      return new Step(flush == null ? List.of() : plan.updatesAt(flush), Optional.empty());
    }
    Optional<Instant> next = plan.nextWindowEnd(end);
    if (next.isEmpty() || lastWriteAt == null || !now.isBefore(nextWriteAt())) {
      return new Step(write(end, now), next);
    }
    pendingEnd = end;
    return new Step(List.of(), next);
  }

  /**
   * When a passed window end is held back for pacing: the wall-clock time from which {@link
   * #flush} writes it.
   */
  public Optional<Instant> flushDueAt() {
    return pendingEnd == null ? Optional.empty() : Optional.of(nextWriteAt());
  }

  /**
   * Writes the held-back window end if the pacing interval has passed at {@code now}; otherwise
   * (or with nothing held back) nothing. The loop's next window end is unchanged.
   */
  public List<ProgressUpdate> flush(Instant now) {
    if (pendingEnd == null || now.isBefore(nextWriteAt())) {
      return List.of();
    }
    return write(pendingEnd, now);
  }

  /** The earliest wall-clock time of the next paced write (there has been a write). */
  private Instant nextWriteAt() {
    return lastWriteAt.plus(minWriteInterval);
  }

  /** Writes {@code end} at {@code now}: nothing is held back any more. */
  private List<ProgressUpdate> write(Instant end, Instant now) {
    lastWriteAt = now;
    pendingEnd = null;
    return plan.updatesAt(end);
  }
}
