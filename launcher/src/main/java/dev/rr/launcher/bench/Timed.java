package dev.rr.launcher.bench;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A value and the wall-clock time it took to compute.
 *
 * @param value the result
 * @param elapsed how long it took
 */
record Timed<T>(T value, Duration elapsed) {

  static <T> Timed<T> of(Callable<T> work) throws Exception {
    long started = System.nanoTime();
    T value = work.call();
    return new Timed<>(value, Duration.ofNanos(System.nanoTime() - started));
  }

  double seconds() {
    return Math.max(elapsed.toNanos(), 1) / 1e9;
  }
}
