package dev.rr.reader;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Reads a finished pipeline's counters. */
public final class PipelineCounters {
  private PipelineCounters() {}

  /** The attempted value of counter {@code name} in namespace {@code owner}, summed over steps. */
  public static long sum(PipelineResult result, Class<?> owner, String name) {
    long total = 0;
    for (MetricResult<Long> counter :
        result.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricNameFilter.named(owner, name)).build()).getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }
}
