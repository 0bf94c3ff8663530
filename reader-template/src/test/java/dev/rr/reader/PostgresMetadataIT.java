package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.metadata.FileCreateProgressDao;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.model.ModType;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL-dialect metadata database is detected and used like a GoogleSQL one. */
class PostgresMetadataIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  @TempDir Path work;

  @AfterEach
  void dropDatabases() {
    ReaderRunFixture.dropDatabases();
  }

  @Test
  void shouldKeepItsMetadataInAPostgresDialectDatabase() throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("only"),
        "CREATE TABLE items (id INT64 NOT NULL, name STRING(MAX)) PRIMARY KEY (id)",
        "CREATE CHANGE STREAM cs FOR ALL");
    DatabaseId pgMetadata = DatabaseId.of(run.data.projectId(), run.data.instanceId(),
        "pg_" + run.data.databaseId().substring(3));
    DatabaseAdminClient admin = spanner.spanner().getDatabaseAdminClient();
    admin.createDatabase(admin.newDatabaseBuilder(pgMetadata).setDialect(Dialect.POSTGRESQL).build(),
        List.of()).get(1, TimeUnit.MINUTES);
    try {
      Timestamp t1 = run.data.write(
          Mutation.newInsertBuilder("items").set("id").to(1).set("name").to("a").build());
      run.expect("only", "items", ModType.INSERT, "{\"id\":\"1\"}", "only", t1);

      ReaderConfig config = run.config("pg", "10s", t1)
          .metadataDatabase(pgMetadata.getDatabase())
          .build();
      ReaderPipeline.run(config, ReaderRunFixture.directOptions()).waitUntilFinish();

      assertEquals(run.expectedFiles(Duration.ofSeconds(10)), run.actualFiles());
      FileCreateProgressDao progress = new FileCreateProgressDao(
          spanner.spanner().getDatabaseClient(pgMetadata), MetadataTables.withoutSuffix());
      assertEquals(
          Map.of("only", IntervalGrid.anchoredAt(run.start, Duration.ofSeconds(10))
              .windowEnd(IntervalGrid.toInstant(t1))),
          Map.of("only", IntervalGrid.toInstant(progress.createdUpto("pg", "only").orElseThrow())));
    } finally {
      admin.dropDatabase(pgMetadata.getInstanceId().getInstance(), pgMetadata.getDatabase());
    }
  }
}
