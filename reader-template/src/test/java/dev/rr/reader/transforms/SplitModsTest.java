package dev.rr.reader.transforms;

import static dev.rr.reader.logic.DataChangeRecords.mod;
import static dev.rr.reader.logic.DataChangeRecords.record;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.ModType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.junit.jupiter.api.Test;

class SplitModsTest {

  @Test
  void shouldEmitOneRecordPerModAtTheCommitTime() {
    Timestamp commit = Timestamp.parseTimestamp("2024-01-01T00:00:05.5Z");
    DataChangeRecord record =
        record(commit, "tx1", "00000001", "Users", ModType.DELETE, "", 2,
            mod("{\"id\":\"1\"}", "{}", "{}"), mod("{\"id\":\"2\"}", "{}", "{}"));
    org.joda.time.Instant commitTime = org.joda.time.Instant.parse("2024-01-01T00:00:05.5Z");
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    PCollection<ChangeRecord> mods =
        pipeline
            .apply(Create.timestamped(TimestampedValue.of(record, commitTime)))
            .apply(SplitMods.create());

    ChangeRecord.Builder expected =
        ChangeRecord.builder()
            .commitTimestamp(commit)
            .serverTransactionId("tx1")
            .recordSequence("00000001")
            .tableName("Users")
            .modType(dev.rr.common.model.ModType.DELETE)
            .numberOfRecordsInTransaction(2);
    PAssert.that(mods)
        .containsInAnyOrder(
            expected.modIndex(0).keysJson("{\"id\":\"1\"}").build(),
            expected.modIndex(1).keysJson("{\"id\":\"2\"}").build());
    PAssert.that(
            mods.apply(
                "Timestamps",
                org.apache.beam.sdk.transforms.Reify.timestamps()))
        .satisfies(
            values -> {
              for (TimestampedValue<ChangeRecord> value : values) {
                if (!value.getTimestamp().equals(commitTime)) {
                  throw new AssertionError("record not at its commit time: " + value);
                }
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
