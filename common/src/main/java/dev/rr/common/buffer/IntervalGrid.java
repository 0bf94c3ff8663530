package dev.rr.common.buffer;

import com.google.cloud.Timestamp;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The run's window grid: back-to-back intervals {@code [origin + k*size, origin + (k+1)*size)} in
 * whole milliseconds, anchored at the run's start timestamp so that the first window starts
 * exactly there (and a resumed run, which starts at a window end, keeps the same grid). The
 * writer walks the same grid from the run row's start timestamp and window duration.
 */
public final class IntervalGrid implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long originMillis;
  private final long sizeMillis;

  private IntervalGrid(long originMillis, long sizeMillis) {
    if (sizeMillis <= 0) {
      throw new IllegalArgumentException("window size must be positive, was " + sizeMillis + "ms");
    }
    this.originMillis = originMillis;
    this.sizeMillis = sizeMillis;
  }

  /** The grid of windows of {@code size} whose boundaries include {@code origin} (to the ms). */
  public static IntervalGrid anchoredAt(Timestamp origin, Duration size) {
    return new IntervalGrid(toMillis(origin), size.toMillis());
  }

  /** The grid of windows of {@code size} whose boundaries include {@code origin} (to the ms). */
  public static IntervalGrid anchoredAt(Instant origin, Duration size) {
    return new IntervalGrid(origin.toEpochMilli(), size.toMillis());
  }

  /** Window length in milliseconds. */
  public long sizeMillis() {
    return sizeMillis;
  }

  /** Offset of the grid from the epoch, in [0, size): what {@code FixedWindows.withOffset} takes. */
  public long offsetMillis() {
    return Math.floorMod(originMillis, sizeMillis);
  }

  /** Start of the window containing {@code instant}. */
  public Instant windowStart(Instant instant) {
    long millis = instant.toEpochMilli();
    return Instant.ofEpochMilli(millis - Math.floorMod(millis - originMillis, sizeMillis));
  }

  /** End (exclusive) of the window containing {@code instant}. */
  public Instant windowEnd(Instant instant) {
    return windowStart(instant).plusMillis(sizeMillis);
  }

  /** The window end following the boundary {@code end}. */
  public Instant nextEnd(Instant end) {
    return end.plusMillis(sizeMillis);
  }

  /** True when {@code instant} is a window boundary of this grid. */
  public boolean isBoundary(Instant instant) {
    return Math.floorMod(instant.toEpochMilli() - originMillis, sizeMillis) == 0;
  }

  /** A Spanner timestamp as milliseconds since the epoch, rounded down. */
  public static long toMillis(Timestamp timestamp) {
    // Timestamp nanos are always in [0, 1e9), so this rounds down also before the epoch.
    return timestamp.getSeconds() * 1_000L + timestamp.getNanos() / 1_000_000;
  }

  /** A Spanner timestamp as an Instant rounded down to the millisecond. */
  public static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochMilli(toMillis(timestamp));
  }

  @Override
  public String toString() {
    return "IntervalGrid{origin=" + Instant.ofEpochMilli(originMillis) + ", size=" + sizeMillis + "ms}";
  }
}
