package dev.rr.reader.transforms;

import static dev.rr.reader.logic.DataChangeRecords.mod;
import static dev.rr.reader.logic.DataChangeRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.config.FiltrationMode;
import dev.rr.reader.PipelineCounters;
import dev.rr.reader.dofn.FilterForwardMigratedFn;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.ModType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

class FilterForwardMigratedTest {
  private static final DataChangeRecord APP_WRITE =
      record(Timestamp.ofTimeSecondsAndNanos(100, 0), "1", "00000000", "Users", ModType.INSERT,
          "app=checkout", 1, mod("{\"id\":\"1\"}", "{}", "{\"name\":\"a\"}"));
  private static final DataChangeRecord UNTAGGED_WRITE =
      record(Timestamp.ofTimeSecondsAndNanos(101, 0), "2", "00000000", "Users", ModType.UPDATE,
          "", 1, mod("{\"id\":\"1\"}", "{}", "{\"name\":\"b\"}"));
  private static final DataChangeRecord MIGRATION_WRITE =
      record(Timestamp.ofTimeSecondsAndNanos(102, 0), "3", "00000000", "Users", ModType.INSERT,
          "txBy=forward-migration", 1,
          mod("{\"id\":\"2\"}", "{}", "{\"name\":\"c\"}"),
          mod("{\"id\":\"3\"}", "{}", "{\"name\":\"d\"}"));

  @Test
  void shouldDropForwardMigrationWritesAndCountTheirMods() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<DataChangeRecord> kept =
        pipeline
            .apply(Create.of(APP_WRITE, UNTAGGED_WRITE, MIGRATION_WRITE))
            .apply(FilterForwardMigrated.withMode(FiltrationMode.FORWARD_MIGRATION));

    PAssert.that(kept).containsInAnyOrder(APP_WRITE, UNTAGGED_WRITE);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals(2L, filteredCount(result));
  }

  @Test
  void shouldKeepForwardMigrationWritesInModeNone() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<DataChangeRecord> kept =
        pipeline
            .apply(Create.of(APP_WRITE, MIGRATION_WRITE))
            .apply(FilterForwardMigrated.withMode(FiltrationMode.NONE));

    PAssert.that(kept).containsInAnyOrder(APP_WRITE, MIGRATION_WRITE);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals(0L, filteredCount(result));
  }

  private static long filteredCount(PipelineResult result) {
    return PipelineCounters.sum(
        result, FilterForwardMigratedFn.class, FilterForwardMigratedFn.FILTERED_RECORDS);
  }
}
