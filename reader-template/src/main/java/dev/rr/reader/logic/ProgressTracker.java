package dev.rr.reader.logic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns window ends passed by the watermark into metadata writes. Live, the timer fires once per
 * window and every window end is written. While catching up (many windows pass within moments),
 * writes are spaced at least {@code minWriteInterval} apart in wall-clock time: a skipped value is
 * only ever behind the truth, never ahead, and the next write carries the latest end. The last
 * window end of a bounded run is always written.
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
    boolean due = lastWriteAt == null || !now.isBefore(lastWriteAt.plus(minWriteInterval));
    if (next.isEmpty() || due) {
      lastWriteAt = now;
      pendingEnd = null;
      return new Step(plan.updatesAt(end), next);
    }
    pendingEnd = end;
    return new Step(List.of(), next);
  }
}
