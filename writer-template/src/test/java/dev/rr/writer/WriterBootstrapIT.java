package dev.rr.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.ConfigException;
import dev.rr.common.metadata.FileProcessProgressDao;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import dev.rr.writer.logic.WriterPlan;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.PipelineFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the writer checks and resolves before it builds its pipeline. */
class WriterBootstrapIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();
  @RegisterExtension static SpannerEmulatorExtension emulator = new SpannerEmulatorExtension();

  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
  private static final Instant END = Instant.parse("2024-03-01T01:00:00Z");

  @TempDir Path directory;

  private MySqlTestDatabase interleaveDatabase() throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.createInterleaveTables(connection);
    }
    return database;
  }

  @Test
  void shouldNameEveryValueItCannotTakeFromARunTheReaderHasNotStarted() throws Exception {
    PipelineFixture fixture =
        new PipelineFixture(emulator, directory).shard("shard1", interleaveDatabase());

    ConfigException e = assertThrows(ConfigException.class,
        () -> WriterBootstrap.prepare(fixture.config().build()));

    String problems = String.join("\n", e.problems());
    assertEquals(3, e.problems().size(), problems);
    assertTrue(problems.contains("startTimestamp is required"), problems);
    assertTrue(problems.contains("windowDuration is required"), problems);
    assertTrue(problems.contains("GCSInputDirectoryPath is required"), problems);
  }

  @Test
  void shouldResolveTheRunAndSelectOnlyFailedShardsForResumeFailed() throws Exception {
    MySqlTestDatabase shard1 = interleaveDatabase();
    MySqlTestDatabase shard2 = interleaveDatabase();
    PipelineFixture fixture = new PipelineFixture(emulator, directory)
        .shard("shard1", shard1).shard("shard2", shard2).shard("shard3", interleaveDatabase());
    fixture.startRun(START, END, Duration.ofSeconds(10));
    FileProcessProgressDao progress =
        new FileProcessProgressDao(fixture.client(), MetadataTables.withoutSuffix());
    progress.write(progress("shard1", ShardStatus.SUCCESS));
    progress.write(progress("shard2", ShardStatus.ERROR));

    WriterPlan plan = WriterBootstrap.prepare(fixture.config()
        .sessionFilePath(fixture.interleaveSessionFile()).runMode("resumeFailed").build());

    assertEquals(List.of("shard2"), plan.shards());
    assertEquals(START, plan.start());
    assertEquals(END, plan.end());
    assertEquals(Duration.ofSeconds(10), plan.windowDuration());
    assertEquals(fixture.bufferDirectory(), plan.bufferDirectory());
    String hasCheckpointTable = "SELECT COUNT(*) FROM information_schema.TABLES"
        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'rr_replication_checkpoint'";
    try (Connection selected = shard2.connect(); Connection left = shard1.connect()) {
      assertEquals(1, Fixtures.count(selected, hasCheckpointTable));
      assertEquals(0, Fixtures.count(left, hasCheckpointTable));
    }
  }

  @Test
  void shouldKeepTheReadersStartWhenARelaunchPassesALaterStartTimestamp() throws Exception {
    PipelineFixture fixture = new PipelineFixture(emulator, directory)
        .shard("shard1", interleaveDatabase());
    fixture.startRun(START, END, Duration.ofSeconds(10));

    WriterPlan plan = WriterBootstrap.prepare(fixture.config()
        .sessionFilePath(fixture.interleaveSessionFile()).runMode("resumeAll")
        .startTimestamp(START.plus(Duration.ofMinutes(30)).toString()).build());

    // A later start would skip every change committed while the writer was stopped.
    assertEquals(START, plan.start());
  }

  @Test
  void shouldWalkTheReadersWindowGridWhenARelaunchPassesAnotherWindowDuration() throws Exception {
    PipelineFixture fixture = new PipelineFixture(emulator, directory)
        .shard("shard1", interleaveDatabase());
    fixture.startRun(START, END, Duration.ofSeconds(10));

    WriterPlan plan = WriterBootstrap.prepare(fixture.config()
        .sessionFilePath(fixture.interleaveSessionFile()).runMode("resumeAll")
        .windowDuration("5s").build());

    // The writer looks window files up by name on the grid: another length would miss them all.
    assertEquals(Duration.ofSeconds(10), plan.windowDuration());
  }

  private static ShardProgress progress(String shard, ShardStatus status) {
    return ShardProgress.builder().runId(PipelineFixture.RUN_ID).shard(shard)
        .processedUpto(PipelineFixture.timestamp(START)).status(status).build();
  }

  @Test
  void shouldSayWhatToRunWhenTheShardUserCannotCreateTheCheckpointTable() throws Exception {
    MySqlTestDatabase admin = interleaveDatabase();
    try (Connection connection = admin.connect()) {
      Fixtures.execute(connection, "CREATE USER 'rr_limited'@'%' IDENTIFIED BY 'secret';"
          + "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + admin.name() + "`.* TO 'rr_limited'@'%'");
    }
    MySqlTestDatabase limited = new MySqlTestDatabase(admin.name(), admin.host(), admin.port(),
        admin.jdbcUrl(), "rr_limited", "secret");
    PipelineFixture fixture = new PipelineFixture(emulator, directory).shard("shard1", limited);
    fixture.startRun(START, END, Duration.ofSeconds(10));

    try {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> WriterBootstrap.prepare(
              fixture.config().sessionFilePath(fixture.interleaveSessionFile()).build()));

      assertTrue(e.getMessage().contains("shard shard1"), e.getMessage());
      assertTrue(e.getMessage().contains("CREATE TABLE"), e.getMessage());
      assertTrue(e.getMessage().contains("GRANT CREATE, SELECT, INSERT, UPDATE ON `"
          + admin.name() + "`.`rr_replication_checkpoint`"), e.getMessage());
    } finally {
      try (Connection connection = admin.connect()) {
        Fixtures.execute(connection, "DROP USER 'rr_limited'@'%'");
      }
    }
  }

  @Test
  void shouldMapTablesByNameFromBothDatabasesWithoutASessionFile() throws Exception {
    String[] spannerDdl = Arrays.stream(
            Fixtures.resource("/fixtures/interleave/spanner-schema.sql").split(";"))
        .map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    SpannerTestDatabase source = emulator.newDatabase(spannerDdl);
    PipelineFixture fixture =
        new PipelineFixture(emulator, directory).shard("shard1", interleaveDatabase());
    fixture.startRun(START, END, Duration.ofSeconds(10), source.id().getName());

    WriterPlan plan = WriterBootstrap.prepare(fixture.config().build());

    TableMapping parent = plan.schema().forSpannerTable("parent1").orElseThrow();
    assertEquals("parent1", parent.sourceName());
    assertEquals(List.of("id"), parent.sourcePrimaryKey());
    assertTrue(parent.bySpannerColumn("update_ts").orElseThrow().hasSource());
  }

  @Test
  void shouldRefuseAnIdentityMappingThatMapsNoTableInsteadOfSkippingEveryChange()
      throws Exception {
    SpannerTestDatabase source = emulator.newDatabase("CREATE TABLE t (id INT64) PRIMARY KEY (id)");
    PipelineFixture fixture =
        new PipelineFixture(emulator, directory).shard("shard1", mysql.newDatabase());
    fixture.startRun(START, END, Duration.ofSeconds(10), source.id().getName());

    ConfigException refused = assertThrows(ConfigException.class,
        () -> WriterBootstrap.prepare(fixture.config().build()));

    assertTrue(refused.getMessage().contains("no Spanner table has a table of the same name in"
        + " shard shard1"), refused.getMessage());
  }

  @Test
  void shouldKnowTheSpannerGeneratedColumnsSoThatEachShardCanRefuseThem() throws Exception {
    SpannerTestDatabase source = emulator.newDatabase("CREATE TABLE t (id INT64, a INT64,"
        + " doubled INT64 AS (a * 2) STORED) PRIMARY KEY (id)");
    MySqlTestDatabase shard = mysql.newDatabase();
    try (Connection connection = shard.connect()) {
      Fixtures.execute(connection, "CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT,"
          + " doubled BIGINT)");
    }
    PipelineFixture fixture = new PipelineFixture(emulator, directory).shard("shard1", shard);
    fixture.startRun(START, END, Duration.ofSeconds(10), source.id().getName());

    WriterPlan plan = WriterBootstrap.prepare(fixture.config().build());

    assertEquals(Set.of("t.doubled"), plan.schema().spannerGeneratedColumns());
  }
}
