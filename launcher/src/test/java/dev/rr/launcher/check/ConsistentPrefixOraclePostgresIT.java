package dev.rr.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SpannerType;
import dev.rr.launcher.verify.RowRouter;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The oracle against a real PostgreSQL shard, whose values it converts by the shard's live column
 * types: those the shard has when it is sampled, as its writer converts for them.
 */
class ConsistentPrefixOraclePostgresIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
  private static final String RUN = "oracle-pg";
  private static final String SHARD = "s1";
  private static final String LONG = "a value longer than four characters";

  /** The writer's remedy for a rejected value, widening the column on that shard, must not read as a difference. */
  @Test
  void shouldConvertByTheColumnTypesTheShardHasWhenSampled() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(
        "CREATE TABLE w (id INT64 NOT NULL, code STRING(MAX)) PRIMARY KEY (id)");
    Timestamp start = Timestamp.now();
    Thread.sleep(5);
    Timestamp written = spanner.write(Mutation.newInsertBuilder("w").set("id").to(1L).set("code").to(LONG).build());
    PostgresTestDatabase database = POSTGRES.newDatabase();
    ConsistentPrefixOracle oracle = new ConsistentPrefixOracle(spanner.client(), mapping(),
        RowRouter.single(SHARD), RUN, start, ZoneOffset.UTC, SourceType.POSTGRESQL);
    try (Connection shard = database.connect()) {
      try (Statement statement = shard.createStatement()) {
        statement.execute("CREATE TABLE w (id bigint PRIMARY KEY, code varchar(4))");
      }
      new CheckpointDao(CheckpointDao.Flavor.POSTGRESQL).ensureTable(shard);
      checkpointAt(shard, written);
      // The shard rejected the value: the row is missing, and the oracle says so.
      assertEquals(1, oracle.sample(SHARD, shard).differences().size());
      try (Statement statement = shard.createStatement()) {
        statement.execute("ALTER TABLE w ALTER COLUMN code TYPE varchar(255)");
        statement.execute("INSERT INTO w (id, code) VALUES (1, '" + LONG + "')");
      }

      PrefixSample sample = oracle.sample(SHARD, shard);

      assertTrue(sample.matches(), sample.summary() + " " + sample.differences().stream()
          .map(RowDifference::describe).toList());
    }
  }

  private static SchemaMapping mapping() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("w", "id", SpannerType.of("INT64"))
        .sourceColumn("w", "id", dev.rr.common.schema.SourceType.of("bigint"))
        .spannerColumn("w", "code", SpannerType.of("STRING"))
        // Whatever the mapping says, the live PostgreSQL types decide, as for the writer.
        .sourceColumn("w", "code", dev.rr.common.schema.SourceType.of("text"))
        .sourcePrimaryKey("w", List.of("id"))
        .build();
  }

  private static void checkpointAt(Connection shard, Timestamp commit) throws Exception {
    try (PreparedStatement insert = shard.prepareStatement("INSERT INTO " + CheckpointDao.TABLE
        + " (" + String.join(", ", CheckpointDao.RUN_ID, CheckpointDao.SHARD_ID,
            CheckpointDao.WINDOW_START, CheckpointDao.WINDOW_END, CheckpointDao.COMMIT_SECONDS,
            CheckpointDao.COMMIT_NANOS, CheckpointDao.SERVER_TRANSACTION_ID,
            CheckpointDao.RECORDS_APPLIED) + ") VALUES (?, ?, now(), now(), ?, ?, '1', 1)")) {
      insert.setString(1, RUN);
      insert.setString(2, SHARD);
      insert.setLong(3, commit.getSeconds());
      insert.setInt(4, commit.getNanos());
      insert.executeUpdate();
    }
  }
}
