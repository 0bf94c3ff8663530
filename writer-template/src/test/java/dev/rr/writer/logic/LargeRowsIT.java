package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows that together exceed {@code max_allowed_packet} (here Connector/J's 64 KiB) are written by
 * smaller statements in the same MySQL transaction: nothing fails, nothing is applied row by row.
 * One row too large by itself stops the shard, naming it.
 */
class LargeRowsIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-10-01T00:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(START, START.plusSeconds(30));
  private static final int PACKET_LIMIT = 65_536;

  @TempDir Path bufferDirectory;

  private static SchemaMapping documents() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("documents", "id", SpannerType.of("INT64"))
        .spannerColumn("documents", "body", SpannerType.of("STRING"))
        .sourceColumn("documents", "id", SourceType.of("bigint"))
        .sourceColumn("documents", "body", SourceType.of("mediumtext"))
        .sourcePrimaryKey("documents", List.of("id"))
        .build();
  }

  private static List<ChangeRecord> inserts(int count, int bodyChars) {
    List<ChangeRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(ChangeRecord.builder()
          .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(START.getEpochSecond() + 1 + i, 0))
          .serverTransactionId("tx" + i).recordSequence("00000000").tableName("documents")
          .modType(ModType.INSERT).keysJson("{\"id\":\"" + i + "\"}")
          .newValuesJson("{\"body\":\"" + "x".repeat(bodyChars) + "\"}")
          .numberOfRecordsInTransaction(1).shard("s1").build());
    }
    return records;
  }

  private WorkerHarness run(MySqlTestDatabase database, List<ChangeRecord> records)
      throws Exception {
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection,
          "CREATE TABLE documents (id BIGINT NOT NULL PRIMARY KEY, body MEDIUMTEXT)");
    }
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    buffer.write("s1", WINDOW, records);
    WorkerHarness harness = new WorkerHarness(buffer, documents()).start(START).window(WINDOW.duration()).batchSize(20)
        .end(WINDOW.end().minusMillis(1));
    harness.readerProgress.set("s1", WINDOW.end());
    return harness;
  }

  private static Connection smallPackets(MySqlTestDatabase database) throws java.sql.SQLException {
    String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?")
        + "maxAllowedPacket=" + PACKET_LIMIT;
    return DriverManager.getConnection(url, database.user(), database.password());
  }

  @Test
  void shouldSplitAStatementTooLargeForThePacketInsideTheSameTransaction() throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    // 20 rows of 10,000 characters: one multi-row statement would be ~200 KB.
    WorkerHarness harness = run(database, inserts(20, 10_000));

    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(
        harness.worker("s1", () -> smallPackets(database)), Duration.ofSeconds(30)));

    try (Connection connection = database.connect()) {
      assertEquals(20, Fixtures.count(connection,
          "SELECT COUNT(*) FROM documents WHERE LENGTH(body) = 10000"));
    }
    assertEquals(1, harness.metrics.mySqlCommits.get(),
        "one MySQL transaction, not a failure and then one per Spanner transaction");
    assertEquals(20, harness.progress.row("s1").recordsApplied());
  }

  @Test
  void shouldStopOnARowTooLargeByItselfAndNameIt() throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    List<ChangeRecord> records = new ArrayList<>(inserts(3, 1_000));
    records.addAll(inserts(4, 70_000).subList(3, 4));
    WorkerHarness harness = run(database, records);

    assertEquals(ShardWorker.Outcome.FAILED, WorkerHarness.runToEnd(
        harness.worker("s1", () -> smallPackets(database)), Duration.ofSeconds(30)));

    ShardProgress failed = harness.progress.row("s1");
    assertEquals(ShardStatus.ERROR, failed.status());
    assertTrue(failed.error().contains("tx3"), failed.error());
    assertEquals(3, failed.recordsApplied(), "everything before the large row is applied");
  }
}
