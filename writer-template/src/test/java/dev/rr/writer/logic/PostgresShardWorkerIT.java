package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.postgres.PostgresDialect;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import dev.rr.writer.testing.CrashingConnections;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.InterleaveStream;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shard workers on real private PostgreSQL clusters and a real buffer directory. */
class PostgresShardWorkerIT {
  @RegisterExtension static PostgresExtension postgres = new PostgresExtension();

  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(10);

  @TempDir Path bufferDirectory;

  private static PostgresTestDatabase interleaveDatabase(int server) throws Exception {
    PostgresTestDatabase database = postgres.newDatabase(server);
    try (Connection connection = database.connect()) {
      Fixtures.createInterleavePostgresTables(connection);
    }
    return database;
  }

  private static WorkerHarness harness(TestBuffer buffer, SchemaMapping schema) {
    return new WorkerHarness(buffer, schema).dialect(new PostgresDialect(ZoneOffset.UTC));
  }

  @Test
  void shouldApplyTheInterleaveStreamToTwoShardsInOrderAndExactlyOnceAcrossACrash() throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    WorkerHarness harness = harness(buffer, Fixtures.interleaveSession()).start(START).batchSize(50);
    Map<String, PostgresTestDatabase> databases =
        Map.of("shard1", interleaveDatabase(0), "shard2", interleaveDatabase(1));
    Map<String, InterleaveStream> streams = Map.of(
        "shard1", InterleaveStream.generate(1, "shard1", START, Duration.ofMillis(300), 400),
        "shard2", InterleaveStream.generate(2, "shard2", START, Duration.ofMillis(700), 300));
    Instant end = START;
    for (Map.Entry<String, InterleaveStream> entry : streams.entrySet()) {
      List<TimeWindow> windows = buffer.writeWindows(entry.getKey(), START, WINDOW,
          entry.getValue().records());
      Instant last = windows.get(windows.size() - 1).end();
      end = last.isAfter(end) ? last : end;
    }
    for (String shard : streams.keySet()) {
      harness.readerProgress.set(shard, end);
    }
    harness.end(end.minusMillis(1));

    // shard1's writer dies right after its 4th commit reached the server; a new one replays.
    PostgresTestDatabase crashed = databases.get("shard1");
    ShardWorker dying = harness.worker("shard1",
        new CrashingConnections(crashed::connect, 4, true));
    assertThrows(CrashingConnections.Crash.class, () -> WorkerHarness.runToEnd(dying, Duration.ofMinutes(1)));

    for (String shard : List.of("shard1", "shard2")) {
      PostgresTestDatabase database = databases.get(shard);
      ShardWorker worker = harness.worker(shard, database::connect);
      assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(worker, Duration.ofMinutes(2)));
      try (Connection connection = database.connect()) {
        assertEquals(streams.get(shard).expectedState(), InterleaveStream.actualPostgresState(connection));
        assertEquals(streams.get(shard).records().size(), Fixtures.count(connection,
            "SELECT records_applied FROM rr_replication_checkpoint"), "each record applied once");
      }
      assertEquals(ShardStatus.SUCCESS, harness.progress.row(shard).status());
      assertEquals(streams.get(shard).records().size(), harness.progress.row(shard).recordsApplied());
    }
  }

  @Test
  void shouldStopTheShardOnARejectedValueAndResumeItOnceFixed() throws Exception {
    PostgresTestDatabase bad = postgres.newDatabase(0);
    try (Connection connection = bad.connect()) {
      Fixtures.execute(connection, "CREATE TABLE accounts (id BIGINT NOT NULL PRIMARY KEY, balance BIGINT,"
          + " CONSTRAINT no_overdraft CHECK (balance >= 0))");
    }
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    TimeWindow window = new TimeWindow(BadRecordIT.START, BadRecordIT.START.plusSeconds(60));
    buffer.write("bad", window, BadRecordIT.accountChanges(60, true));
    WorkerHarness harness = harness(buffer, BadRecordIT.accounts()).start(BadRecordIT.START)
        .window(window.duration()).batchSize(20).end(window.end().minusMillis(1));
    harness.readerProgress.set("bad", window.end());

    assertEquals(ShardWorker.Outcome.FAILED,
        WorkerHarness.runToEnd(harness.worker("bad", bad::connect), Duration.ofMinutes(1)));
    ShardProgress failed = harness.progress.row("bad");
    assertEquals(ShardStatus.ERROR, failed.status());
    assertTrue(failed.error().contains("PostgreSQL error (SQLSTATE 23514)"), failed.error());
    assertTrue(failed.error().contains("tx37"), failed.error());
    assertEquals(37, failed.recordsApplied(), "everything before the bad record is applied");

    try (Connection connection = bad.connect()) {
      Fixtures.execute(connection, "ALTER TABLE accounts DROP CONSTRAINT no_overdraft");
    }
    assertEquals(List.of("bad"), ShardSelection.select(WriterRunMode.RESUME_FAILED,
        List.of("bad"), Map.of("bad", failed)));
    assertEquals(ShardWorker.Outcome.DONE,
        WorkerHarness.runToEnd(harness.worker("bad", bad::connect), Duration.ofMinutes(1)));
    assertEquals(ShardStatus.SUCCESS, harness.progress.row("bad").status());
    assertEquals(60, harness.progress.row("bad").recordsApplied());
    Map<Long, Long> expected = new TreeMap<>();
    for (int i = 50; i < 60; i++) {
      expected.put((long) (i % 10), (long) i);
    }
    assertEquals(expected, pairs(bad, "SELECT id, balance FROM accounts"));
  }

  /**
   * Also keeps the array and enum columns the updates do not carry: the unique-key rewrite reads
   * them back as text and binds them again.
   */
  @Test
  void shouldSwapUniqueValuesBetweenRowsInOneTransaction() throws Exception {
    PostgresTestDatabase database = postgres.newDatabase(0);
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, "CREATE TYPE mood AS ENUM ('sad', 'ok');"
          + " CREATE TABLE users (id BIGINT PRIMARY KEY, code BIGINT NOT NULL UNIQUE,"
          + " tags TEXT[], m mood);"
          + " INSERT INTO users VALUES (1, 100, '{\"a,b\",NULL}', 'ok'), (2, 200, '{}', 'sad')");
    }
    SchemaMapping users = IdentitySchemaMapping.builder()
        .spannerColumn("users", "id", SpannerType.of("INT64"))
        .spannerColumn("users", "code", SpannerType.of("INT64"))
        .spannerColumn("users", "tags", SpannerType.arrayOf("STRING"))
        .spannerColumn("users", "m", SpannerType.of("STRING"))
        .sourceColumn("users", "id", SourceType.of("bigint"))
        .sourceColumn("users", "code", SourceType.of("bigint"))
        .sourceColumn("users", "tags", SourceType.of("text"))
        .sourceColumn("users", "m", SourceType.of("text"))
        .sourcePrimaryKey("users", List.of("id"))
        .build();
    Instant t0 = START;
    Instant t1 = START.plusSeconds(1);
    // Row 3 comes and goes with its own array and enum; rows 1 and 2 are there already.
    String extra = ",\"tags\":[\"x\"],\"m\":\"sad\"";
    List<ChangeRecord> records = List.of(
        change(t0, "tx0", 0, ModType.INSERT, 3, 300, extra),
        change(t0, "tx0", 1, ModType.UPDATE, 3, 301, ""),
        change(t1, "tx1", 0, ModType.UPDATE, 1, 200, ""), change(t1, "tx1", 1, ModType.UPDATE, 2, 100, ""));
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    TimeWindow window = new TimeWindow(START, START.plusSeconds(10));
    buffer.write("s1", window, records);
    WorkerHarness harness = harness(buffer, users).start(START).window(window.duration())
        .end(window.end().minusMillis(1));
    harness.readerProgress.set("s1", window.end());

    assertEquals(ShardWorker.Outcome.DONE,
        WorkerHarness.runToEnd(harness.worker("s1", database::connect), Duration.ofMinutes(1)));

    assertEquals(Map.of(1L, 200L, 2L, 100L, 3L, 301L), pairs(database, "SELECT id, code FROM users"));
    assertEquals(Map.of(1L, 1L, 2L, 2L, 3L, 3L), pairs(database, "SELECT id, CASE"
        + " WHEN tags = '{\"a,b\",NULL}' AND m = 'ok' THEN 1 WHEN tags = '{}' AND m = 'sad' THEN 2"
        + " WHEN tags = '{x}' AND m = 'sad' THEN 3 END FROM users"));
  }

  /**
   * One transaction moves a child to another parent and deletes the old parent; the writer runs
   * deletes first, so only a deferred foreign key lets it commit (Spanner checked it at commit).
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void shouldCommitAReparentingTransactionOnlyWhenTheForeignKeyIsDeferrable(boolean deferrable)
      throws Exception {
    PostgresTestDatabase database = postgres.newDatabase(0);
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, "CREATE TABLE parent (id BIGINT PRIMARY KEY);"
          + "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT REFERENCES parent (id)"
          + (deferrable ? " DEFERRABLE" : "") + ")");
    }
    SchemaMapping schema = IdentitySchemaMapping.builder()
        .spannerColumn("parent", "id", SpannerType.of("INT64"))
        .spannerColumn("child", "id", SpannerType.of("INT64"))
        .spannerColumn("child", "parent_id", SpannerType.of("INT64"))
        .sourceColumn("parent", "id", SourceType.of("bigint"))
        .sourceColumn("child", "id", SourceType.of("bigint"))
        .sourceColumn("child", "parent_id", SourceType.of("bigint"))
        .sourcePrimaryKey("parent", List.of("id"))
        .sourcePrimaryKey("child", List.of("id"))
        .build();
    List<ChangeRecord> records = List.of(
        record(START, "tx0", 0, 3, "parent", ModType.INSERT, "{\"id\":\"1\"}", "{}"),
        record(START, "tx0", 1, 3, "parent", ModType.INSERT, "{\"id\":\"2\"}", "{}"),
        record(START, "tx0", 2, 3, "child", ModType.INSERT, "{\"id\":\"10\"}", "{\"parent_id\":\"1\"}"),
        record(START.plusSeconds(1), "tx1", 0, 2, "child", ModType.UPDATE, "{\"id\":\"10\"}",
            "{\"parent_id\":\"2\"}"),
        record(START.plusSeconds(1), "tx1", 1, 2, "parent", ModType.DELETE, "{\"id\":\"1\"}", "{}"));
    // Three records per transaction at most: tx0 commits before tx1 is written.
    WorkerHarness harness = oneWindow(records, schema, 3);
    ShardWorker.Outcome outcome =
        WorkerHarness.runToEnd(harness.worker("s1", database::connect), Duration.ofMinutes(1));

    if (deferrable) {
      assertEquals(ShardWorker.Outcome.DONE, outcome);
      assertEquals(Map.of(10L, 2L), pairs(database, "SELECT id, parent_id FROM child"));
      assertEquals(Map.of(2L, 2L), pairs(database, "SELECT id, id FROM parent"));
    } else {
      assertEquals(ShardWorker.Outcome.FAILED, outcome);
      assertEquals(ShardStatus.ERROR, harness.progress.row("s1").status());
      assertTrue(harness.progress.row("s1").error().contains("23503"), harness.progress.row("s1").error());
      assertEquals(3, harness.progress.row("s1").recordsApplied(), "tx0 committed, tx1 not");
    }
  }

  /**
   * Spanner's change stream carries every row a cascade deleted, so PostgreSQL must not cascade
   * again: a batch runs its deletes before its upserts, and a cascade would take rows that a
   * transaction of the same batch had already moved away from the deleted parent.
   */
  @Test
  void shouldNotLetPostgresCascadeADeleteTheChangeStreamDidNotHave() throws Exception {
    PostgresTestDatabase database = postgres.newDatabase(0);
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, "CREATE TABLE t (id BIGINT PRIMARY KEY,"
          + " ref BIGINT REFERENCES t (id) ON DELETE CASCADE)");
    }
    SchemaMapping schema = IdentitySchemaMapping.builder()
        .spannerColumn("t", "id", SpannerType.of("INT64"))
        .spannerColumn("t", "ref", SpannerType.of("INT64"))
        .sourceColumn("t", "id", SourceType.of("bigint"))
        .sourceColumn("t", "ref", SourceType.of("bigint"))
        .sourcePrimaryKey("t", List.of("id"))
        .build();
    Instant t1 = START.plusSeconds(1);
    Instant t2 = START.plusSeconds(2);
    List<ChangeRecord> records = List.of(
        record(START, "tx0", 0, 3, "t", ModType.INSERT, "{\"id\":\"1\"}", "{\"ref\":null}"),
        record(START, "tx0", 1, 3, "t", ModType.INSERT, "{\"id\":\"2\"}", "{\"ref\":\"1\"}"),
        record(START, "tx0", 2, 3, "t", ModType.INSERT, "{\"id\":\"3\"}", "{\"ref\":\"2\"}"),
        record(t1, "tx1", 0, 1, "t", ModType.UPDATE, "{\"id\":\"2\"}", "{\"ref\":null}"),
        record(t2, "tx2", 0, 1, "t", ModType.DELETE, "{\"id\":\"1\"}", "{}"));
    // tx0 alone, then tx1 and tx2 in one batch: the delete of t(1) runs before t(2)'s update.
    WorkerHarness harness = oneWindow(records, schema, 3);
    ShardWorker.Outcome outcome =
        WorkerHarness.runToEnd(harness.worker("s1", database::connect), Duration.ofMinutes(1));

    assertEquals(ShardWorker.Outcome.DONE, outcome, String.valueOf(harness.progress.row("s1")));
    assertEquals(Map.of(2L, 0L, 3L, 2L),
        pairs(database, "SELECT id, COALESCE(ref, 0) FROM t"), "Spanner has t(2) and t(3)");
  }

  /** A worker harness for shard s1 with {@code records} in one final window from START. */
  private WorkerHarness oneWindow(List<ChangeRecord> records, SchemaMapping schema, int batchSize)
      throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    TimeWindow window = new TimeWindow(START, START.plusSeconds(10));
    buffer.write("s1", window, records);
    WorkerHarness harness = harness(buffer, schema).start(START).window(window.duration())
        .batchSize(batchSize).end(window.end().minusMillis(1));
    harness.readerProgress.set("s1", window.end());
    return harness;
  }

  private static ChangeRecord record(Instant at, String transaction, int index, int records,
      String table, ModType type, String keys, String values) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano()))
        .serverTransactionId(transaction).modIndex(index).numberOfRecordsInTransaction(records)
        .tableName(table).modType(type).keysJson(keys).newValuesJson(values)
        .build();
  }

  private static ChangeRecord change(
      Instant at, String transaction, int index, ModType type, long id, long code, String extra) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano()))
        .serverTransactionId(transaction)
        .modIndex(index)
        .numberOfRecordsInTransaction(2)
        .tableName("users")
        .modType(type)
        .keysJson("{\"id\":\"" + id + "\"}")
        .newValuesJson("{\"code\":\"" + code + "\"" + extra + "}")
        .build();
  }

  private static Map<Long, Long> pairs(PostgresTestDatabase database, String sql) throws Exception {
    Map<Long, Long> pairs = new TreeMap<>();
    try (Connection connection = database.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        pairs.put(rows.getLong(1), rows.getLong(2));
      }
    }
    return pairs;
  }
}
