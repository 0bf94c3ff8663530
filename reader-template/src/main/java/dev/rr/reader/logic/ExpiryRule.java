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
 * chooses ({@link #holdAfter}), so every step after it, the GroupByKey included, sees a watermark
 * of at most {@code H}. A record is diverted when its window ended at least {@code allowedLateness
 * - MARGIN} before {@code H}. One that is not diverted has {@code windowEnd + allowedLateness > H
 * + MARGIN}, so the GroupByKey cannot drop it: the hold alone proves it; the margin is slack for a
 * runner that would honour the hold less than exactly.
 *
 * <p>An on-time record is never diverted, however old it is (a resumed reader catching up on
 * hours-old commits). Its step's input watermark stays at or before its timestamp {@code t} until
 * it is processed, so the last window end {@code T} the step saw passed is before {@code t}, and
 * {@code H = T + min(window, allowedLateness - MARGIN) - 1 ms} is before {@code windowEnd(t) +
 * allowedLateness - MARGIN}.
 */
public final class ExpiryRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Slack kept between the diversion and Beam's own expiry (see the class comment). */
  public static final Duration MARGIN = Duration.ofMinutes(10);

  private final IntervalGrid grid;
  private final long divertAfterMillis;
  private final long holdAheadMillis;

  /** @param allowedLateness the windows' allowed lateness; more than {@link #MARGIN} */
  public ExpiryRule(IntervalGrid grid, Duration allowedLateness) {
    if (allowedLateness.compareTo(MARGIN) <= 0) {
      throw new IllegalArgumentException(
          "allowed lateness " + allowedLateness + " must exceed the margin " + MARGIN);
    }
    this.grid = grid;
    this.divertAfterMillis = allowedLateness.minus(MARGIN).toMillis();
    this.holdAheadMillis = Math.min(grid.sizeMillis(), divertAfterMillis) - 1;
  }

  /**
   * The output watermark hold once the input watermark has passed window end {@code passed}: just
   * before the next window end (so the windows and the progress after this step wait for nothing),
   * and never so far ahead that an on-time record could count as expired.
   */
  public Instant holdAfter(Instant passed) {
    return passed.plusMillis(holdAheadMillis);
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
