package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.spanner.SpannerIO;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.Mod;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulator harness end to end: databases, DDL, writes, and Beam's change-stream connector. */
class SpannerEmulatorExtensionIT {

  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  @Test
  void shouldGiveEachCallAFreshDatabaseWithItsSchema() {
    SpannerTestDatabase first = spanner.newDatabase("CREATE TABLE a (k INT64 NOT NULL) PRIMARY KEY (k)");
    SpannerTestDatabase second = spanner.newDatabase();

    assertNotEquals(first.databaseId(), second.databaseId());
    assertEquals(1, tableCount(first));
    assertEquals(0, tableCount(second));
    assertEquals(spanner.emulatorHost(), first.emulatorHost());
    assertEquals(spanner.emulatorHost(), first.spannerConfig().getEmulatorHost().get());
  }

  /** Like Spanner, the emulator refuses a 101st database per instance; the extension moves on. */
  @Test
  void shouldKeepGivingDatabasesBeyondTheEmulatorsPerInstanceLimit() {
    Set<String> instances = new HashSet<>();
    SpannerTestDatabase last = null;
    for (int i = 0; i < 105; i++) {
      last = spanner.newDatabase();
      instances.add(last.instanceId());
    }

    assertTrue(instances.size() >= 2, "databases spread over " + instances);
    last.updateDdl("CREATE TABLE t (k INT64 NOT NULL) PRIMARY KEY (k)");
    assertEquals(1, tableCount(last));
  }

  @Test
  void shouldReadCommittedChangesBackThroughBoundedChangeStream() {
    SpannerTestDatabase db = spanner.newDatabase(
        "CREATE TABLE Singers (SingerId INT64 NOT NULL, Name STRING(MAX), Score FLOAT64) PRIMARY KEY (SingerId)",
        "CREATE CHANGE STREAM SingerStream FOR Singers");
    SpannerTestDatabase metadata = spanner.newDatabase();

    Timestamp inserted = db.write(
        Mutation.newInsertBuilder("Singers").set("SingerId").to(1).set("Name").to("Ann").set("Score").to(1.5).build(),
        Mutation.newInsertBuilder("Singers").set("SingerId").to(2).set("Name").to("Bob").set("Score").to(2.5).build());
    Timestamp updated = db.write(Mutation.newUpdateBuilder("Singers").set("SingerId").to(1).set("Name").to("Anna").build());
    Timestamp deleted = db.write(Mutation.delete("Singers", Key.of(2)));

    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setTargetParallelism(1);
    options.setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<String> mods = pipeline
        .apply("ReadChangeStream", SpannerIO.readChangeStream()
            .withSpannerConfig(db.spannerConfig())
            .withChangeStreamName("SingerStream")
            .withMetadataInstance(metadata.instanceId())
            .withMetadataDatabase(metadata.databaseId())
            .withInclusiveStartAt(inserted)
            .withInclusiveEndAt(deleted))
        .apply("DescribeMods", FlatMapElements.into(TypeDescriptors.strings())
            .via(SpannerEmulatorExtensionIT::describe));

    PAssert.that(mods).containsInAnyOrder(
        inserted + " INSERT Singers keys={\"SingerId\":\"1\"} old={} new={\"Name\":\"Ann\",\"Score\":1.5} in 1",
        inserted + " INSERT Singers keys={\"SingerId\":\"2\"} old={} new={\"Name\":\"Bob\",\"Score\":2.5} in 1",
        updated + " UPDATE Singers keys={\"SingerId\":\"1\"} old={\"Name\":\"Ann\"} new={\"Name\":\"Anna\"} in 1",
        deleted + " DELETE Singers keys={\"SingerId\":\"2\"} old={\"Name\":\"Bob\",\"Score\":2.5} new={} in 1");

    PipelineResult result = pipeline.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish(Duration.standardMinutes(2)));
  }

  /** One line per mod: commit timestamp, mod type, table, keys, old and new values, records in transaction. */
  private static List<String> describe(DataChangeRecord record) {
    List<String> lines = new ArrayList<>();
    for (Mod mod : record.getMods()) {
      lines.add(record.getCommitTimestamp() + " " + record.getModType() + " " + record.getTableName()
          + " keys=" + normalize(mod.getKeysJson()) + " old=" + normalize(mod.getOldValuesJson())
          + " new=" + normalize(mod.getNewValuesJson()) + " in " + record.getNumberOfRecordsInTransaction());
    }
    return lines;
  }

  private static String normalize(String json) {
    return json == null || json.isEmpty() ? "{}" : JsonParser.parseString(json).toString();
  }

  private static long tableCount(SpannerTestDatabase db) {
    try (ResultSet rs = db.client().singleUse().executeQuery(
        Statement.of("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ''"))) {
      rs.next();
      return rs.getLong(0);
    }
  }
}
