package dev.rr.common.buffer;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A half-open time interval {@code [start, end)} of commit timestamps: one buffer file per shard
 * and window. Millisecond precision, as Beam windows and window file names have.
 *
 * @param start first instant in the window (inclusive)
 * @param end first instant after the window (exclusive), later than {@code start}
 */
public record TimeWindow(Instant start, Instant end) implements Comparable<TimeWindow>, Serializable {

  private static final Comparator<TimeWindow> ORDER =
      Comparator.comparing(TimeWindow::start).thenComparing(TimeWindow::end);

  /** Validates that start is before end and both are whole milliseconds. */
  public TimeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "window start " + start + " must be before window end " + end);
    }
    requireWholeMillis("start", start);
    requireWholeMillis("end", end);
  }

  /** The window of {@code duration} starting at {@code start}. */
  public static TimeWindow starting(Instant start, Duration duration) {
    return new TimeWindow(start, start.plus(duration));
  }

  /** {@code end - start}. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /** True when {@code instant} lies in {@code [start, end)}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** Orders by start, then end. */
  @Override
  public int compareTo(TimeWindow other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }

  private static void requireWholeMillis(String name, Instant instant) {
    if (instant.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "window " + name + " " + instant + " has a precision finer than milliseconds");
    }
  }
}
