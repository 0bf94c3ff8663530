package dev.rr.launcher.launch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricKey;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The metrics of pipelines that ran one after the other as one job (a reader and its relaunches),
 * as one set: counters and distributions add up over them, since each pipeline counts from zero;
 * gauges, string sets, bounded tries and histograms are the last pipeline's, the current state.
 */
final class SummedMetricResults extends MetricResults {
  private final List<MetricResults> parts;

  /** @param parts the pipelines' metrics, oldest first; at least one */
  SummedMetricResults(List<MetricResults> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no metrics to sum");
    }
    this.parts = List.copyOf(parts);
  }

  @Override
  public MetricQueryResults queryMetrics(MetricsFilter filter) {
    Map<MetricKey, MetricResult<Long>> counters = new LinkedHashMap<>();
    Map<MetricKey, MetricResult<DistributionResult>> distributions = new LinkedHashMap<>();
    MetricQueryResults last = null;
    for (MetricResults part : parts) {
      last = part.queryMetrics(filter);
      for (MetricResult<Long> counter : last.getCounters()) {
        counters.merge(counter.getKey(), counter, (a, b) -> add(a, b, Long::sum));
      }
      for (MetricResult<DistributionResult> distribution : last.getDistributions()) {
        distributions.merge(distribution.getKey(), distribution,
            (a, b) -> add(a, b, SummedMetricResults::combine));
      }
    }
    return MetricQueryResults.create(List.copyOf(counters.values()),
        List.copyOf(distributions.values()), last.getGauges(), last.getStringSets(),
        last.getBoundedTries(), last.getHistograms());
  }

  /** {@code a + b}, attempted and (when both have it) committed. */
  private static <T> MetricResult<T> add(MetricResult<T> a, MetricResult<T> b, BinaryOperator<T> plus) {
    T attempted = plusNullable(a.getAttempted(), b.getAttempted(), plus);
    if (a.hasCommitted() && b.hasCommitted()) {
      return MetricResult.create(a.getKey(),
          plusNullable(a.getCommittedOrNull(), b.getCommittedOrNull(), plus), attempted);
    }
    return MetricResult.attempted(a.getKey(), attempted);
  }

  private static <T> T plusNullable(T a, T b, BinaryOperator<T> plus) {
    if (a == null) {
      return b;
    }
    return b == null ? a : plus.apply(a, b);
  }

  private static DistributionResult combine(DistributionResult a, DistributionResult b) {
    return DistributionResult.create(a.getSum() + b.getSum(), a.getCount() + b.getCount(),
        Math.min(a.getMin(), b.getMin()), Math.max(a.getMax(), b.getMax()));
  }
}
