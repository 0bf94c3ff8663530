package dev.rr.reader.logic;

import dev.rr.common.buffer.IntervalGrid;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which records Beam's window expiry could drop, decided before the windowing so that such a
 * record goes to the late directory (counted) instead of being dropped with only Beam's {@code
 * droppedDueToLateness} counter.
 *
 * <p>Beam's {@code GroupByKey} drops a record when its window's last instant plus the allowed
 * lateness is before the GroupByKey's input watermark. The step deciding here ({@link
 * dev.rr.reader.dofn.DivertExpiredFn}) holds its own output watermark at an instant {@code H} it
 * chooses ({@link #holdBefore}), so every step after it, the GroupByKey included, sees a watermark
 * of at most {@code H}. A record is diverted when its window ended at least {@code allowedLateness
 * - MARGIN} before {@code H}. One that is not diverted has {@code windowEnd + allowedLateness > H
 * + MARGIN}, so the GroupByKey cannot drop it: the hold alone proves it; the margin is slack for a
 * runner that would honour the hold less than exactly.
 *
 * <p>The step learns how far its input watermark is only from its own event-time timers: when one
 * fires at {@code T}, the watermark has passed {@code T}. It then sets the next timer one {@link
 * #step} later and holds at 1 ms before it ({@link #holdBefore}; Beam wants an event-time timer's
 * hold at or before its firing). Between two timers the watermark after the step moves freely up
 * to the hold, so the windows and the progress after it wait for one timer round per step, not
 * per window: a resumed reader catching up on minutes of 2 s windows needs a few rounds, not one
 * per window (one per window made the catch-up of {@code E2EFinalityIT}'s drained reader slower
 * than real time on the DirectRunner).
 *
 * <p>An on-time record is never diverted, however old it is (a resumed reader catching up on
 * hours-old commits). Its step's input watermark stays at or before its timestamp {@code t} until
 * it is processed, so the last timer {@code T} the step saw fire is before {@code t}, and {@code H
 * = T + step - 1 ms}, with {@code step <= allowedLateness - MARGIN}, is before {@code windowEnd(t)
 * + allowedLateness - MARGIN}. The price of a longer step is precision: a late record is diverted
 * when its window ended {@code allowedLateness - MARGIN - step} or more before the watermark
 * (49 min with the reader's one hour and one-minute steps), one step earlier than needed.
 */
public final class ExpiryRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Slack kept between the diversion and Beam's own expiry (see the class comment). */
  public static final Duration MARGIN = Duration.ofMinutes(10);

  /** The least event time between two timers of the step (a window, when windows are longer). */
  public static final Duration MIN_STEP = Duration.ofMinutes(1);

  private final IntervalGrid grid;
  private final long divertAfterMillis;
  private final long stepMillis;

  /** @param allowedLateness the windows' allowed lateness; more than {@link #MARGIN} */
  public ExpiryRule(IntervalGrid grid, Duration allowedLateness) {
    if (allowedLateness.compareTo(MARGIN) <= 0) {
      throw new IllegalArgumentException(
          "allowed lateness " + allowedLateness + " must exceed the margin " + MARGIN);
    }
    this.grid = grid;
    this.divertAfterMillis = allowedLateness.minus(MARGIN).toMillis();
    this.stepMillis = Math.min(Math.max(grid.sizeMillis(), MIN_STEP.toMillis()), divertAfterMillis);
  }

  /**
   * How far the step's next timer is from {@code T} once its input watermark has passed {@code
   * T}: a window or {@link #MIN_STEP}, whichever is longer, and never more than the allowed
   * lateness less the {@link #MARGIN} (so that an on-time record cannot count as expired).
   */
  public Duration step() {
    return Duration.ofMillis(stepMillis);
  }

  /** Where the next timer fires once the input watermark has passed {@code passed}. */
  public Instant nextCheck(Instant passed) {
    return passed.plusMillis(stepMillis);
  }

  /**
   * The output watermark hold that goes with a timer firing at {@code check}: 1 ms before it (Beam
   * wants it at or before the firing), so that the watermark after the step waits for nothing
   * earlier.
   */
  public Instant holdBefore(Instant check) {
    return check.minusMillis(1);
  }

  /**
   * True when the record committed at {@code timestamp} must be kept apart.
   *
   * @param held the step's output watermark hold; empty before it has one (nothing can be expired
   *     then); {@link Instant#MAX} once the step's loop has ended (its hold is gone and the
   *     watermark may be at the end of time: every record is expired)
   */
  public boolean isExpired(Instant timestamp, Optional<Instant> held) {
    if (held.isEmpty()) {
      return false;
    }
    if (held.get().equals(Instant.MAX)) {
      return true;
    }
    Instant windowEnd = grid.windowEnd(timestamp);
    return !windowEnd.plusMillis(divertAfterMillis).isAfter(held.get());
  }

  /** The end of the window holding {@code timestamp}. */
  public Instant windowEnd(Instant timestamp) {
    return grid.windowEnd(timestamp);
  }

  /** The start of the window holding {@code timestamp}. */
  public Instant windowStart(Instant timestamp) {
    return grid.windowStart(timestamp);
  }
}
