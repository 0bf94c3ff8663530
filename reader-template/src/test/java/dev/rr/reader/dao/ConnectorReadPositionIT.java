package dev.rr.reader.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Mutation;
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
 * {@code State}, {@code Watermark}), in both dialects: missing or empty table unknown, the least
 * watermark of the unfinished partitions, finished once every partition is.
 */
class ConnectorReadPositionIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  private static final String TABLE = "Metadata_meta_0123";
  private static final Instant EARLY = Instant.parse("2026-01-01T00:00:01.000001Z");
  private static final Instant MIDDLE = Instant.parse("2026-01-01T00:00:05.123456Z");
  private static final Instant LATE = Instant.parse("2026-01-01T00:00:09Z");

  @Test
  void shouldReadTheLeastWatermarkOfTheUnfinishedPartitionsInGoogleSql() throws Exception {
    SpannerTestDatabase metadata = spanner.newDatabase();
    check(metadata.id(), metadata.client(), List.of("CREATE TABLE " + TABLE
        + " (PartitionToken STRING(MAX) NOT NULL, State STRING(MAX), Watermark TIMESTAMP)"
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
          + "\" (\"PartitionToken\" varchar NOT NULL, \"State\" varchar,"
          + " \"Watermark\" timestamptz, PRIMARY KEY (\"PartitionToken\"))"));
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
          partition("done", "FINISHED", EARLY),
          partition("a", "RUNNING", LATE),
          partition("b", "SCHEDULED", MIDDLE),
          partition("c", "CREATED", LATE)));
      assertEquals(Answer.readUpTo(MIDDLE), position.ask());

      client.write(List.of(partition("b", "FINISHED", LATE)));
      assertEquals(Answer.readUpTo(LATE), position.ask());

      client.write(List.of(partition("a", "FINISHED", LATE), partition("c", "FINISHED", LATE)));
      assertEquals(Answer.finished(), position.ask());
    }
  }

  private static Mutation partition(String token, String state, Instant watermark) {
    return Mutation.newInsertOrUpdateBuilder(TABLE)
        .set("PartitionToken").to(token)
        .set("State").to(state)
        .set("Watermark").to(Timestamp.ofTimeSecondsAndNanos(
            watermark.getEpochSecond(), watermark.getNano()))
        .build();
  }
}
