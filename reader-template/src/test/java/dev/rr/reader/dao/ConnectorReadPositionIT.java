package dev.rr.reader.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Value;
import dev.rr.reader.logic.ReadPosition;
import dev.rr.reader.logic.ReadPosition.Answer;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read position from a partition table laid out like the connector's ({@code PartitionToken},
 * {@code ParentTokens}, {@code EndTimestamp}, {@code State}, {@code Watermark}, {@code
 * FinishedAt}), in both dialects: missing or empty table unknown, the least watermark of the
 * unfinished partitions, held at the watermark of a finished unbounded partition that no partition
 * names as its parent (an orphan) until it has a child, finished once every partition is.
 */
class ConnectorReadPositionIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  private static final String TABLE = "Metadata_meta_0123";
  private static final Instant EARLY = Instant.parse("2026-01-01T00:00:01.000001Z");
  private static final Instant MIDDLE = Instant.parse("2026-01-01T00:00:05.123456Z");
  private static final String FINISHED = "FINISHED";
  private static final Timestamp UNBOUNDED_END =
      Timestamp.parseTimestamp("9999-12-31T23:59:59.999999998Z");
  private static final Timestamp BOUNDED_END = Timestamp.parseTimestamp("2026-01-02T00:00:00Z");
  private static final Instant LATE = Instant.parse("2026-01-01T00:00:09Z");

  @Test
  void shouldReadTheLeastWatermarkOfTheUnfinishedPartitionsInGoogleSql() throws Exception {
    SpannerTestDatabase metadata = spanner.newDatabase();
    check(metadata.id(), metadata.client(), List.of("CREATE TABLE " + TABLE
        + " (PartitionToken STRING(MAX) NOT NULL, ParentTokens ARRAY<STRING(MAX)>,"
        + " EndTimestamp TIMESTAMP NOT NULL, State STRING(MAX), Watermark TIMESTAMP,"
        + " FinishedAt TIMESTAMP OPTIONS (allow_commit_timestamp=true))"
        + " PRIMARY KEY (PartitionToken)"));
  }

  @Test
  void shouldReadTheLeastWatermarkOfTheUnfinishedPartitionsInPostgres() throws Exception {
    SpannerTestDatabase data = spanner.newDatabase();
    DatabaseId id = DatabaseId.of(data.projectId(), data.instanceId(),
        "pg_" + data.databaseId().substring(3));
    DatabaseAdminClient admin = spanner.spanner().getDatabaseAdminClient();
    admin.createDatabase(admin.newDatabaseBuilder(id).setDialect(Dialect.POSTGRESQL).build(),
        List.of()).get(1, TimeUnit.MINUTES);
    try {
      check(id, spanner.spanner().getDatabaseClient(id), List.of("CREATE TABLE \"" + TABLE
          + "\" (\"PartitionToken\" varchar NOT NULL, \"ParentTokens\" varchar[],"
          + " \"EndTimestamp\" timestamptz NOT NULL, \"State\" varchar,"
          + " \"Watermark\" timestamptz, \"FinishedAt\" spanner.commit_timestamp,"
          + " PRIMARY KEY (\"PartitionToken\"))"));
    } finally {
      admin.dropDatabase(id.getInstanceId().getInstance(), id.getDatabase());
    }
  }

  private static void check(DatabaseId id, DatabaseClient client, List<String> tableDdl)
      throws Exception {
    SpannerConfig config = SpannerConfig.create()
        .withEmulatorHost(StaticValueProvider.of(spanner.emulatorHost()))
        .withProjectId(id.getInstanceId().getProject())
        .withInstanceId(id.getInstanceId().getInstance())
        .withDatabaseId(id.getDatabase());
    try (ReadPosition position = ConnectorReadPosition.factory(config, TABLE).open()) {
      assertEquals(Answer.unknown(), position.ask(), "no table yet");

      spanner.spanner().getDatabaseAdminClient()
          .updateDatabaseDdl(id.getInstanceId().getInstance(), id.getDatabase(), tableDdl, null)
          .get(1, TimeUnit.MINUTES);
      assertEquals(Answer.unknown(), position.ask(), "no partition yet");

      client.write(List.of(
          partition("Parent0", List.of(), FINISHED, EARLY),
          partition("done", List.of(), FINISHED, EARLY),
          partition("a", List.of("done"), "RUNNING", LATE),
          partition("b", List.of("done"), "SCHEDULED", MIDDLE),
          partition("c", List.of("b"), "CREATED", LATE)));
      assertEquals(Answer.readUpTo(MIDDLE), position.ask(), "the root and a parent are no orphans");

      client.write(List.of(partition("b", List.of("done"), FINISHED, LATE)));
      assertEquals(Answer.readUpTo(LATE), position.ask());

      client.write(List.of(partition("a", List.of("done"), FINISHED, MIDDLE)));
      Answer orphaned = position.ask();
      assertEquals(MIDDLE, orphaned.upTo(), "held at the orphan's watermark: " + orphaned);
      assertEquals(1, orphaned.stuck().size(), orphaned.toString());
      assertTrue(orphaned.stuck().get(0).contains("partition a "), orphaned.toString());
      try (ReadPosition fresh = ConnectorReadPosition.factory(config, TABLE).open()) {
        assertEquals(orphaned, fresh.ask(), "found again by a new instance");
      }

      client.write(List.of(partition("m", null, "CREATED", LATE)));
      assertEquals(Answer.readUpTo(LATE), position.ask(),
          "mutable key ranges (partitions naming no parents): no orphans");
      client.write(List.of(Mutation.delete(TABLE, com.google.cloud.spanner.Key.of("m"))));

      client.write(List.of(partition("d", List.of("a"), "CREATED", LATE)));
      assertEquals(Answer.readUpTo(LATE), position.ask(), "a child releases the orphan");

      client.write(List.of(
          partition("c", List.of("b"), FINISHED, LATE, BOUNDED_END),
          partition("d", List.of("a"), FINISHED, LATE, BOUNDED_END)));
      assertEquals(Answer.finished(), position.ask(),
          "a bounded partition ends without children at the run's end");
    }
  }

  /** A partition of an unbounded read (the connector's end of time) in {@code state}. */
  private static Mutation partition(
      String token, List<String> parents, String state, Instant watermark) {
    return partition(token, parents, state, watermark, UNBOUNDED_END);
  }

  private static Mutation partition(
      String token, List<String> parents, String state, Instant watermark, Timestamp end) {
    Mutation.WriteBuilder row = Mutation.newInsertOrUpdateBuilder(TABLE)
        .set("PartitionToken").to(token)
        .set("ParentTokens").toStringArray(parents)
        .set("EndTimestamp").to(end)
        .set("State").to(state)
        .set("Watermark").to(Timestamp.ofTimeSecondsAndNanos(
            watermark.getEpochSecond(), watermark.getNano()));
    if (FINISHED.equals(state)) {
      row.set("FinishedAt").to(Value.COMMIT_TIMESTAMP);
    }
    return row.build();
  }
}
