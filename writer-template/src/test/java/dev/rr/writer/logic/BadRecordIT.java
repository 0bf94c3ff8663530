package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.input.SessionFile;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record the shard cannot take stops that shard only, with status ERROR, the error text and the
 * record kept; once the cause is fixed, a resumeFailed run completes it from its checkpoint.
 */
class BadRecordIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  static final Instant START = Instant.parse("2024-07-01T00:00:00Z");

  @TempDir Path bufferDirectory;

  static SchemaMapping accounts() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("accounts", "id", SpannerType.of("INT64"))
        .spannerColumn("accounts", "balance", SpannerType.of("INT64"))
        .sourceColumn("accounts", "id", SourceType.of("bigint"))
        .sourceColumn("accounts", "balance", SourceType.of("bigint"))
        .sourcePrimaryKey("accounts", List.of("id"))
        .build();
  }

  /** Transaction i sets account i % 10 to balance i; with {@code bad}, 37 sets it to -5. */
  static List<ChangeRecord> accountChanges(int transactions, boolean bad) {
    List<ChangeRecord> records = new ArrayList<>();
    for (int i = 0; i < transactions; i++) {
      Instant at = START.plusMillis(500L * i);
      long balance = bad && i == 37 ? -5 : i;
      records.add(ChangeRecord.builder()
          .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano()))
          .serverTransactionId("tx" + i)
          .tableName("accounts")
          .modType(i < 10 ? ModType.INSERT : ModType.UPDATE)
          .keysJson("{\"id\":\"" + (i % 10) + "\"}")
          .newValuesJson("{\"balance\":\"" + balance + "\"}")
          .build());
    }
    return records;
  }

  private static Map<Long, Long> balances(MySqlTestDatabase database) throws Exception {
    Map<Long, Long> balances = new java.util.TreeMap<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, balance FROM accounts")) {
      while (rows.next()) {
        balances.put(rows.getLong(1), rows.getLong(2));
      }
    }
    return balances;
  }

  private Path onlyFile(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> all = files.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  @Test
  void shouldStopOnlyTheShardWhoseServerRejectsARecordAndResumeItOnceFixed() throws Exception {
    String schema = "CREATE TABLE accounts (id BIGINT NOT NULL PRIMARY KEY, balance BIGINT,"
        + " CONSTRAINT no_overdraft CHECK (balance >= 0))";
    MySqlTestDatabase bad = mysql.server(0).newDatabase();
    MySqlTestDatabase good = mysql.server(0).newDatabase();
    for (MySqlTestDatabase database : List.of(bad, good)) {
      try (Connection connection = database.connect()) {
        Fixtures.execute(connection, schema);
      }
    }
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    TimeWindow window = new TimeWindow(START, START.plusSeconds(60));
    buffer.write("bad", window, accountChanges(60, true));
    buffer.write("good", window, accountChanges(60, false));
    WorkerHarness harness = new WorkerHarness(buffer, accounts()).start(START)
        .window(window.duration()).batchSize(20)
        .end(window.end().minusMillis(1));
    harness.readerProgress.set("bad", window.end());
    harness.readerProgress.set("good", window.end());

    ShardWorker failing = harness.worker("bad", bad::connect);
    assertEquals(ShardWorker.Outcome.FAILED, WorkerHarness.runToEnd(failing, Duration.ofMinutes(1)));
    assertEquals(ShardWorker.Outcome.DONE,
        WorkerHarness.runToEnd(harness.worker("good", good::connect), Duration.ofMinutes(1)));

    ShardProgress failed = harness.progress.row("bad");
    assertEquals(ShardStatus.ERROR, failed.status());
    assertTrue(failed.error().contains("no_overdraft"), failed.error());
    assertTrue(failed.error().contains("tx37"), failed.error());
    assertTrue(failed.errorRecord().contains("\"balance\\\":\\\"-5\\\""), failed.errorRecord());
    assertEquals(37, failed.recordsApplied(), "everything before the bad record is applied");
    Path kept = onlyFile(bufferDirectory.resolve("_errors").resolve("bad"));
    JsonObject keptJson = JsonParser.parseString(Files.readString(kept)).getAsJsonObject();
    assertEquals("tx37", keptJson.getAsJsonObject("record").get("serverTransactionId")
        .getAsString());
    assertTrue(keptJson.get("error").getAsString().contains("no_overdraft"));
    assertEquals(ShardStatus.SUCCESS, harness.progress.row("good").status());
    assertEquals(ShardWorker.Outcome.FAILED, failing.runFor(Duration.ofSeconds(1)).outcome(),
        "a failed shard stays stopped");

    // The operator fixes the cause, then runs resumeFailed: it selects exactly this shard.
    try (Connection connection = bad.connect()) {
      Fixtures.execute(connection, "ALTER TABLE accounts DROP CONSTRAINT no_overdraft");
    }
    assertEquals(List.of("bad"), ShardSelection.select(WriterRunMode.RESUME_FAILED,
        List.of("bad", "good"), Map.of("bad", failed, "good", harness.progress.row("good"))));
    ShardWorker resumed = harness.worker("bad", bad::connect);

    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(resumed, Duration.ofMinutes(1)));
    assertEquals(ShardStatus.SUCCESS, harness.progress.row("bad").status());
    assertEquals(60, harness.progress.row("bad").recordsApplied());
    Map<Long, Long> expected = new java.util.TreeMap<>();
    for (int i = 50; i < 60; i++) {
      expected.put((long) (i % 10), (long) i);
    }
    assertEquals(expected, balances(bad));
    assertEquals(expected, balances(good));
  }

  @Test
  void shouldApplyTheBufferSampleAsIsStoppingAtTheBitValueItsSessionSchemaCannotHold()
      throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, Fixtures.resource("/buffer-sample/mysql-schema.sql"));
    }
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    // One window holding every event; the file is the fixture, byte for byte (not sorted).
    TimeWindow window = new TimeWindow(
        Instant.parse("2024-06-19T00:00:00Z"), Instant.parse("2024-07-02T00:00:00Z"));
    Path file = Path.of(dev.rr.common.buffer.WindowFiles
        .fileFor(buffer.directory(), "ls1", window).toString());
    Files.createDirectories(file.getParent());
    Files.writeString(file, Fixtures.resource("/fixtures/buffer-sample/events.txt"));
    SchemaMapping session = SessionFile.parse("session.json",
        Fixtures.resource("/fixtures/buffer-sample/session.json"));
    WorkerHarness harness = new WorkerHarness(buffer, session).start(window.start()).window(window.duration())
        .end(window.end().minusMillis(1));
    harness.readerProgress.set("ls1", window.end());

    ShardWorker worker = harness.worker("ls1", database::connect);

    assertEquals(ShardWorker.Outcome.FAILED, WorkerHarness.runToEnd(worker, Duration.ofMinutes(1)));
    ShardProgress failed = harness.progress.row("ls1");
    assertEquals(ShardStatus.ERROR, failed.status());
    assertTrue(failed.error().contains("bit_column"), failed.error());
    assertTrue(failed.errorRecord().contains("\\\"varchar_column\\\":\\\"example\\\""),
        "the earliest event fails first: " + failed.errorRecord());
    try (Connection connection = database.connect()) {
      assertEquals(0, Fixtures.count(connection, "SELECT COUNT(*) FROM Users"),
          "nothing after the failed event is applied");
    }

    // Fix: the column becomes VARBINARY(20) in MySQL and in the session file; resumeFailed.
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection,
          "ALTER TABLE AllDatatypeTransformation MODIFY bit_column VARBINARY(20)");
    }
    WorkerHarness fixed = new WorkerHarness(buffer, withVarbinaryBitColumn())
        .start(window.start()).window(window.duration()).end(window.end().minusMillis(1));
    fixed.readerProgress.set("ls1", window.end());
    fixed.progress.put(failed);

    assertEquals(ShardWorker.Outcome.DONE,
        WorkerHarness.runToEnd(fixed.worker("ls1", database::connect), Duration.ofMinutes(1)));
    assertEquals(ShardStatus.SUCCESS, fixed.progress.row("ls1").status());
    assertEquals(BufferFileReader.readAll(dev.rr.common.buffer.WindowFiles
        .fileFor(buffer.directory(), "ls1", window)).size(),
        fixed.progress.row("ls1").recordsApplied());
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT id, name FROM Users")) {
        assertTrue(rows.next());
        assertEquals(1, rows.getInt(1));
        assertEquals("FF", rows.getString(2));
      }
      List<String> keys = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery(
          "SELECT varchar_column FROM AllDatatypeTransformation ORDER BY varchar_column")) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
      assertEquals(List.of("example", "example1"), keys, "example2 was inserted, then deleted");
      try (ResultSet rows = statement.executeQuery("SELECT tinyint_column, text_column,"
          + " date_column, int_column, bigint_column, float_column, double_column,"
          + " decimal_column, datetime_column, timestamp_column, time_column, year_column,"
          + " blob_column, enum_column, bool_column, bit_column, binary_column"
          + " FROM AllDatatypeTransformation WHERE varchar_column = 'example'")) {
        assertTrue(rows.next());
        assertEquals(1, rows.getInt(1));
        assertEquals("Sample text", rows.getString(2));
        assertEquals("2024-01-01", rows.getString(3));
        assertEquals(123, rows.getInt(4));
        assertEquals(12345L, rows.getLong(5));
        assertEquals(123.45f, rows.getFloat(6));
        assertEquals(123.456, rows.getDouble(7));
        assertEquals("12345.67", rows.getBigDecimal(8).toPlainString());
        assertEquals("2024-01-01 12:34:56", rows.getString(9));
        assertEquals("2024-01-01 12:34:56", rows.getString(10));
        assertEquals("14:30:00", rows.getString(11));
        assertEquals(2024, rows.getInt(12));
        assertEquals("Some binary data", new String(rows.getBytes(13)));
        assertEquals("1", rows.getString(14));
        assertEquals(1, rows.getInt(15));
        assertEquals("Some binary data", new String(rows.getBytes(16)));
        assertEquals("Some binary data", new String(rows.getBytes(17)).substring(0, 16));
      }
    }
  }

  /** The buffer-sample session file with bit_column's source type changed to varbinary(20). */
  private static SchemaMapping withVarbinaryBitColumn() {
    JsonObject session = JsonParser.parseString(
        Fixtures.resource("/fixtures/buffer-sample/session.json")).getAsJsonObject();
    for (Map.Entry<String, JsonElement> table :
        session.getAsJsonObject("SrcSchema").entrySet()) {
      for (Map.Entry<String, JsonElement> column :
          table.getValue().getAsJsonObject().getAsJsonObject("ColDefs").entrySet()) {
        JsonObject definition = column.getValue().getAsJsonObject();
        if (definition.get("Name").getAsString().equals("bit_column")) {
          definition.getAsJsonObject("Type").addProperty("Name", "varbinary");
        }
      }
    }
    return SessionFile.parse("session-fixed.json", session.toString());
  }
}
