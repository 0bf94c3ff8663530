package dev.rr.common.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Bounded, jittered exponential backoff: the n-th wait is a random duration between half and all
 * of {@code min(initial * 2^(n-1), max)}, so that callers retrying after one outage spread out.
 * The one backoff of the project: the writer's shard retries, {@code SpannerRetry} and the
 * metadata tables' creation all wait by it.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;
  private int failures;

  /**
   * @param random yields values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  public Duration nextDelay() {
    failures++;
    return delay(initial, max, failures, random.getAsDouble());
  }

  /**
   * The wait after {@code failures} failures (1 for the first), for {@code random} in [0, 1):
   * between half and all of {@code min(initial * 2^(failures-1), max)}.
   */
  public static Duration delay(Duration initial, Duration max, int failures, double random) {
    long ceiling = initial.toMillis();
    for (int i = 1; i < failures && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random * (ceiling - half + 1)));
  }

  /** Failures since the last {@link #reset()}. */
  public int failures() {
    return failures;
  }

  /** Starts over after a success. */
  public void reset() {
    failures = 0;
  }
}
