package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.buffer.BufferRecordCodec;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.buffer.WindowFiles;
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
import dev.rr.writer.custom.CustomTransformation;
import dev.rr.writer.custom.TransformationResponse;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A permanent error stops the shard at once with its evidence: the status ERROR, an error text
 * naming where it happened and, when a record caused it, the record in {@code error_record} and
 * in the buffer's {@code _errors} directory. It is never retried for ever.
 */
class PermanentErrorEvidenceIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-08-01T00:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(START, START.plusSeconds(10));

  @TempDir Path bufferDirectory;

  /** accounts(id, balance) in MySQL; Spanner also has a column {@code note} MySQL lacks. */
  private static SchemaMapping accounts() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("accounts", "id", SpannerType.of("INT64"))
        .spannerColumn("accounts", "balance", SpannerType.of("INT64"))
        .spannerColumn("accounts", "note", SpannerType.of("INT64"))
        .sourceColumn("accounts", "id", SourceType.of("bigint"))
        .sourceColumn("accounts", "balance", SourceType.of("bigint"))
        .sourcePrimaryKey("accounts", List.of("id"))
        .build();
  }

  private static ChangeRecord insert(int i, String newValuesJson) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(START.getEpochSecond() + i, 0))
        .serverTransactionId("tx" + i).recordSequence("00000000").tableName("accounts")
        .modType(ModType.INSERT).keysJson("{\"id\":\"" + i + "\"}")
        .newValuesJson(newValuesJson).numberOfRecordsInTransaction(1).shard("s1").build();
  }

  private MySqlTestDatabase accountsDatabase() throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection,
          "CREATE TABLE accounts (id BIGINT NOT NULL PRIMARY KEY, balance BIGINT)");
    }
    return database;
  }

  private WorkerHarness harness(TestBuffer buffer) {
    WorkerHarness harness = new WorkerHarness(buffer, accounts()).start(START)
        .end(WINDOW.end().minusMillis(1));
    harness.readerProgress.set("s1", WINDOW.end());
    return harness;
  }

  @Test
  void shouldStopWithFileAndLineWhenAWindowFileIsNotUtf8() throws Exception {
    MySqlTestDatabase database = accountsDatabase();
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    Path file = Path.of(WindowFiles.fileFor(buffer.directory(), "s1", WINDOW).toString());
    Files.createDirectories(file.getParent());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write((BufferRecordCodec.encode(insert(1, "{\"balance\":\"1\"}")) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    // Line 2 was written as Latin-1 (0xE9 alone is not UTF-8).
    bytes.write((BufferRecordCodec.encode(insert(2, "{\"balance\":\"2\"}")) + "\n")
        .replace("accounts", "acc\u00e9unts").getBytes(StandardCharsets.ISO_8859_1));
    Files.write(file, bytes.toByteArray());
    WorkerHarness harness = harness(buffer);

    ShardWorker.Outcome outcome = WorkerHarness.runToEnd(
        harness.worker("s1", database::connect), Duration.ofSeconds(20));

    ShardProgress progress = harness.progress.row("s1");
    assertEquals(ShardWorker.Outcome.FAILED, outcome,
        "a corrupt file is permanent, not retried: " + progress.status() + " " + progress.error());
    assertEquals(ShardStatus.ERROR, progress.status());
    assertTrue(progress.error().contains(file.getFileName().toString() + " line 2"),
        progress.error());
    assertTrue(progress.error().contains("UTF-8"), progress.error());
    assertEquals(0, harness.metrics.mySqlRetries.get(), "never retried");
  }

  /** Returns every event unchanged; reading the row image is what fails. */
  public static final class Unchanged implements CustomTransformation {
    @Override
    public void init(String customParameters) {}

    @Override
    public TransformationResponse toSourceRow(
        dev.rr.writer.custom.TransformationRequest request) {
      return TransformationResponse.unchanged();
    }
  }

  @Test
  void shouldKeepTheRecordWhoseRowImageTheCustomTransformationCannotBeGiven() throws Exception {
    MySqlTestDatabase database = accountsDatabase();
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    // note is INT64 in Spanner: "n/a" is not one. MySQL has no note column, so only building
    // the transformation's row image reads it.
    buffer.write("s1", WINDOW, List.of(insert(1, "{\"balance\":\"1\"}"),
        insert(2, "{\"balance\":\"2\",\"note\":\"n/a\"}")));
    WorkerHarness harness = harness(buffer).transformation(new Unchanged());

    ShardWorker.Outcome outcome = WorkerHarness.runToEnd(
        harness.worker("s1", database::connect), Duration.ofSeconds(20));

    assertEquals(ShardWorker.Outcome.FAILED, outcome);
    ShardProgress progress = harness.progress.row("s1");
    assertEquals(ShardStatus.ERROR, progress.status());
    assertTrue(progress.error().contains("note"), progress.error());
    assertNotNull(progress.errorRecord(), "the record that stopped the shard is kept");
    assertTrue(progress.errorRecord().contains("tx2"), progress.errorRecord());
    assertEquals(1, progress.recordsApplied(), "the transaction before it is applied");
    Path errors = bufferDirectory.resolve("_errors").resolve("s1");
    assertTrue(Files.isDirectory(errors), "an _errors file is written");
    try (Stream<Path> files = Files.list(errors)) {
      List<Path> kept = files.toList();
      assertEquals(1, kept.size(), kept.toString());
      JsonObject json = JsonParser.parseString(Files.readString(kept.get(0))).getAsJsonObject();
      assertEquals("tx2", json.getAsJsonObject("record").get("serverTransactionId")
          .getAsString());
    }
  }
}
