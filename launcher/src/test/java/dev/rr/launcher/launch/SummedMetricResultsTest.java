package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** Metrics of a reader and its relaunches, read from real DirectRunner pipelines. */
class SummedMetricResultsTest {

  /** Counts each element and records it in a distribution; a gauge holds the last element. */
  private static final class Measure extends DoFn<Long, Long> {
    @ProcessElement
    public void process(@Element Long element) {
      Metrics.counter(SummedMetricResultsTest.class, "records").inc();
      Metrics.distribution(SummedMetricResultsTest.class, "sizes").update(element);
      Metrics.gauge(SummedMetricResultsTest.class, "last").set(element);
    }
  }

  private static MetricResults run(Long... elements) {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner")
        .create());
    pipeline.apply(Create.of(List.of(elements))).apply(ParDo.of(new Measure()));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return result.metrics();
  }

  private static MetricQueryResults query(MetricResults metrics) {
    return metrics.queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(SummedMetricResultsTest.class)).build());
  }

  @Test
  void shouldAddCountersAndDistributionsAndKeepTheLastGauges() {
    MetricResults first = run(5L, 7L);
    MetricResults second = run(1L, 2L, 30L);

    MetricQueryResults summed = query(new SummedMetricResults(List.of(first, second)));

    MetricResult<Long> records = summed.getCounters().iterator().next();
    assertEquals(5L, records.getAttempted());
    assertEquals(5L, records.getCommitted());
    DistributionResult sizes = summed.getDistributions().iterator().next().getAttempted();
    assertEquals(DistributionResult.create(45, 5, 1, 30), sizes);
    assertEquals(query(second).getGauges().iterator().next().getAttempted().getValue(),
        summed.getGauges().iterator().next().getAttempted().getValue());
  }

  @Test
  void shouldAnswerLikeTheOnlyPipelineWhenThereIsOne() {
    MetricResults only = run(4L);

    MetricQueryResults summed = query(new SummedMetricResults(List.of(only)));

    assertEquals(1L, summed.getCounters().iterator().next().getAttempted());
    assertEquals(DistributionResult.create(4, 1, 4, 4),
        summed.getDistributions().iterator().next().getAttempted());
    assertThrows(IllegalArgumentException.class, () -> new SummedMetricResults(List.of()));
  }
}
