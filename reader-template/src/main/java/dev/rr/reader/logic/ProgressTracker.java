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
 * <p>No end is written past what the source has really read ({@link ReadPosition}): a drained
 * job's watermark jumps to the end of time, and the windows it passes without reading are held
 * back, not reported complete. In normal operation the source is always further than the
 * watermark, so this costs one metadata query per write at most and delays nothing. When the source
 * cannot say (its table not created yet, or a failed query), an unbounded run writes nothing past
 * the last position it said; a bounded run trusts the watermark, because the connector drops its
 * table once it has read everything.
 *
 * <p>One instance per DoFn instance; not thread-safe.
 */
public final class ProgressTracker {

  /** What to do at one window end. */
  public record Step(List<ProgressUpdate> publish, Optional<Instant> nextWindowEnd) {}

  /** Least wall-clock time between two questions to the source about a held-back end. */
  static final Duration SOURCE_RETRY_INTERVAL = Duration.ofSeconds(1);

  private final ProgressPlan plan;
  private final Duration minWriteInterval;
  private final ReadPosition source;
  private Instant lastWriteAt;
  private Instant pendingEnd;
  private boolean heldBySource;
  private Instant lastWritten;
  private Instant sourceReadUpTo;
  private boolean sourceFinished;

  /** A tracker that trusts the watermark alone (no source to ask). */
  public ProgressTracker(ProgressPlan plan, Duration minWriteInterval) {
    this(plan, minWriteInterval, ReadPosition.unlimited().open());
  }

  /**
   * @param source how far the change stream was really read
   */
  public ProgressTracker(ProgressPlan plan, Duration minWriteInterval, ReadPosition source) {
    this.plan = plan;
    this.minWriteInterval = minWriteInterval;
    this.source = source;
  }

  /** The watermark has passed window end {@code end}; {@code now} is the wall clock. */
  public Step onWindowEnd(Instant end, Instant now) {
    if (plan.isBeyondWallClock(end, now)) {
      // The source stopped (drain or shutdown): publish what was truly passed, then stop looping.
      // Nothing will be read any more, so an end the source has not read is given up, not retried
      // (a retrying timer would keep a draining job alive).
      Instant flush = pendingEnd;
      List<ProgressUpdate> last = flush == null ? List.of() : write(flush, now);
      pendingEnd = null;
      return new Step(last, Optional.empty());
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

  /** True when the end held back waits for the source to read further, not for the pacing. */
  public boolean isHeldBySource() {
    return pendingEnd != null && heldBySource;
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
    Duration wait = heldBySource && SOURCE_RETRY_INTERVAL.compareTo(minWriteInterval) > 0
        ? SOURCE_RETRY_INTERVAL : minWriteInterval;
    return lastWriteAt.plus(wait);
  }

  /**
   * Writes {@code end} at {@code now}, or the latest earlier window end the source has read past
   * while holding {@code end} back until it has.
   */
  private List<ProgressUpdate> write(Instant end, Instant now) {
    lastWriteAt = now;
    Instant allowed = readUpTo(end);
    heldBySource = allowed == null || allowed.isBefore(end);
    pendingEnd = heldBySource ? end : null;
    if (allowed == null || (lastWritten != null && !allowed.isAfter(lastWritten))) {
      return List.of();
    }
    lastWritten = allowed;
    return plan.updatesAt(allowed);
  }

  /** {@code end} when the source has read past it, else the latest window end it has (or null). */
  private Instant readUpTo(Instant end) {
    if (sourceFinished || isRead(end)) {
      return end;
    }
    ReadPosition.Answer answer = source.ask();
    switch (answer.status()) {
      case FINISHED -> sourceFinished = true;
      case READ_UP_TO -> {
        if (sourceReadUpTo == null || answer.upTo().isAfter(sourceReadUpTo)) {
          sourceReadUpTo = answer.upTo();
        }
      }
      case UNKNOWN -> {
        if (plan.isBounded()) {
          return end;
        }
      }
    }
    if (sourceFinished || isRead(end)) {
      return end;
    }
    return sourceReadUpTo == null ? null : plan.lastEndAtOrBefore(sourceReadUpTo);
  }

  /** True when the source said it has read every change committed before {@code end}. */
  private boolean isRead(Instant end) {
    return sourceReadUpTo != null && !end.isAfter(sourceReadUpTo);
  }
}
