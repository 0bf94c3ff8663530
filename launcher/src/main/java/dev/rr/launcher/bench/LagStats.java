package dev.rr.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Percentiles of a set of lags (nearest rank): p50, p95, p99 and max, in seconds.
 *
 * @param count number of samples
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest sample
 */
public record LagStats(int count, double p50, double p95, double p99, double max) {

  /** The statistics of {@code lags}; all NaN when there are none. */
  public static LagStats of(List<Duration> lags) {
    if (lags.isEmpty()) {
      return new LagStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    List<Double> seconds = new ArrayList<>(lags.size());
    lags.forEach(lag -> seconds.add(lag.toNanos() / 1e9));
    seconds.sort(null);
    return new LagStats(lags.size(), rank(seconds, 50), rank(seconds, 95), rank(seconds, 99),
        seconds.get(seconds.size() - 1));
  }

  private static double rank(List<Double> sorted, int percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
