package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.writer.testing.CrashingConnections;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nothing is applied twice: a crash at any commit, a restart, or two workers on one shard at
 * once. Every change MySQL applies is counted by triggers: an audit row per insert, update and
 * delete of a key-only table, and a counter column incremented by every update of a row.
 */
class ExactlyOnceIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final int COUNTERS = 50;
  private static final String SCHEMA =
      "CREATE TABLE tags (k BIGINT NOT NULL PRIMARY KEY);"
          + "CREATE TABLE counters (id BIGINT NOT NULL PRIMARY KEY, n BIGINT NOT NULL,"
          + " applied BIGINT NOT NULL DEFAULT 0);"
          + "CREATE TABLE audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, tbl VARCHAR(20),"
          + " k BIGINT, op CHAR(1));"
          + "CREATE TRIGGER tags_ins AFTER INSERT ON tags FOR EACH ROW"
          + " INSERT INTO audit (tbl, k, op) VALUES ('tags', NEW.k, 'I');"
          + "CREATE TRIGGER tags_upd AFTER UPDATE ON tags FOR EACH ROW"
          + " INSERT INTO audit (tbl, k, op) VALUES ('tags', NEW.k, 'U');"
          + "CREATE TRIGGER tags_del AFTER DELETE ON tags FOR EACH ROW"
          + " INSERT INTO audit (tbl, k, op) VALUES ('tags', OLD.k, 'D');"
          + "CREATE TRIGGER counters_upd BEFORE UPDATE ON counters FOR EACH ROW"
          + " SET NEW.applied = OLD.applied + 1";

  @TempDir Path bufferDirectory;

  private final List<ChangeRecord> records = new ArrayList<>();
  private final TreeSet<Long> tags = new TreeSet<>();
  private final List<String> audit = new ArrayList<>();
  private final Map<Long, long[]> counters = new TreeMap<>();

  private static SchemaMapping schema() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("tags", "k", SpannerType.of("INT64"))
        .sourceColumn("tags", "k", SourceType.of("bigint"))
        .sourcePrimaryKey("tags", List.of("k"))
        .spannerColumn("counters", "id", SpannerType.of("INT64"))
        .spannerColumn("counters", "n", SpannerType.of("INT64"))
        .sourceColumn("counters", "id", SourceType.of("bigint"))
        .sourceColumn("counters", "n", SourceType.of("bigint"))
        .sourcePrimaryKey("counters", List.of("id"))
        .build();
  }

  /** Each transaction inserts a tag and writes a counter; every seventh deletes an old tag. */
  private void generate(int transactions) {
    for (int i = 0; i < transactions; i++) {
      Instant at = START.plusMillis(700L * i);
      Timestamp commit = Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano());
      List<ChangeRecord> mods = new ArrayList<>();
      long tag = 1000 + i;
      mods.add(mod("tags", ModType.INSERT, "{\"k\":\"" + tag + "\"}", "{}"));
      tags.add(tag);
      audit.add("I" + tag);
      long id = i % COUNTERS;
      long[] counter = counters.get(id);
      if (counter == null) {
        counters.put(id, new long[] {0, 0});
        mods.add(mod("counters", ModType.INSERT, "{\"id\":\"" + id + "\"}", "{\"n\":\"0\"}"));
      } else {
        counter[0]++;
        counter[1]++;
        mods.add(mod("counters", ModType.UPDATE, "{\"id\":\"" + id + "\"}",
            "{\"n\":\"" + counter[0] + "\"}"));
      }
      if (i % 7 == 6 && tags.contains(tag - 20)) {
        mods.add(mod("tags", ModType.DELETE, "{\"k\":\"" + (tag - 20) + "\"}", "{}"));
        tags.remove(tag - 20);
        audit.add("D" + (tag - 20));
      }
      for (int m = 0; m < mods.size(); m++) {
        ChangeRecord r = mods.get(m);
        records.add(ChangeRecord.builder().commitTimestamp(commit).serverTransactionId("tx" + i)
            .recordSequence(String.format("%08d", m)).tableName(r.tableName())
            .modType(r.modType()).keysJson(r.keysJson()).newValuesJson(r.newValuesJson())
            .numberOfRecordsInTransaction(mods.size()).shard("s1").build());
      }
    }
  }

  private static ChangeRecord mod(String table, ModType type, String keys, String values) {
    return ChangeRecord.builder().commitTimestamp(Timestamp.MIN_VALUE).serverTransactionId("")
        .tableName(table).modType(type).keysJson(keys).newValuesJson(values).build();
  }

  private WorkerHarness prepare(MySqlTestDatabase database, int transactions) throws Exception {
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, SCHEMA);
    }
    generate(transactions);
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    List<TimeWindow> windows = buffer.writeWindows("s1", START, WINDOW, records);
    TimeWindow last = windows.get(windows.size() - 1);
    WorkerHarness harness = new WorkerHarness(buffer, schema()).start(START).batchSize(10)
        .end(last.end().minusMillis(1));
    harness.readerProgress.set("s1", last.end());
    return harness;
  }

  private void assertAppliedExactlyOnce(MySqlTestDatabase database) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      TreeSet<Long> actualTags = new TreeSet<>();
      try (ResultSet rows = statement.executeQuery("SELECT k FROM tags")) {
        while (rows.next()) {
          actualTags.add(rows.getLong(1));
        }
      }
      assertEquals(tags, actualTags);
      List<String> actualAudit = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT op, k FROM audit ORDER BY id")) {
        while (rows.next()) {
          actualAudit.add(rows.getString(1) + rows.getLong(2));
        }
      }
      // Inside one MySQL transaction statements may be reordered: compare as multisets.
      List<String> expectedAudit = new ArrayList<>(audit);
      expectedAudit.sort(null);
      actualAudit.sort(null);
      assertEquals(expectedAudit, actualAudit, "each insert and delete of the key-only table once");
      Map<Long, String> actualCounters = new TreeMap<>();
      try (ResultSet rows = statement.executeQuery("SELECT id, n, applied FROM counters")) {
        while (rows.next()) {
          actualCounters.put(rows.getLong(1), rows.getLong(2) + "/" + rows.getLong(3));
        }
      }
      Map<Long, String> expectedCounters = new TreeMap<>();
      counters.forEach((id, c) -> expectedCounters.put(id, c[0] + "/" + c[1]));
      assertEquals(expectedCounters, actualCounters, "value/updates applied, per counter");
    }
  }

  /**
   * A worker crashes at a commit and another takes over. A restart with another {@code
   * batchSize} cuts the transactions into MySQL transactions elsewhere, so the checkpoint ends
   * inside one of its groups: that group's statements built ahead cannot be used and it is
   * applied transaction by transaction, skipping what the checkpoint covers.
   */
  @ParameterizedTest(
      name = "crash at commit {0}, after the server committed: {1}, restart with batchSize {2}")
  @CsvSource({"0, false, 10", "3, true, 10", "7, false, 10", "12, true, 10", "5, true, 7",
      "4, true, 25"})
  void shouldApplyEverythingExactlyOnceAfterACrashAndARestart(
      int commits, boolean afterCommit, int restartBatchSize) throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    WorkerHarness harness = prepare(database, 240);
    ShardWorker crashing = harness.worker("s1",
        new CrashingConnections(database::connect, commits, afterCommit));
    assertThrows(CrashingConnections.Crash.class,
        () -> WorkerHarness.runToEnd(crashing, Duration.ofMinutes(1)));

    ShardWorker restarted = harness.batchSize(restartBatchSize).worker("s1", database::connect);

    assertEquals(ShardWorker.Outcome.DONE,
        WorkerHarness.runToEnd(restarted, Duration.ofMinutes(1)));
    assertAppliedExactlyOnce(database);
    assertEquals(records.size(), harness.progress.row("s1").recordsApplied());
  }

  @Test
  void shouldApplyEverythingExactlyOnceWithTwoWorkersOnOneShardAtOnce() throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    WorkerHarness harness = prepare(database, 300);
    ShardWorker one = harness.worker("s1", database::connect);
    ShardWorker zombie = harness.worker("s1", database::connect);

    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<ShardWorker.Outcome> first =
          threads.submit(() -> WorkerHarness.runToEnd(one, Duration.ofMinutes(2)));
      Future<ShardWorker.Outcome> second =
          threads.submit(() -> WorkerHarness.runToEnd(zombie, Duration.ofMinutes(2)));
      assertEquals(ShardWorker.Outcome.DONE, first.get());
      assertEquals(ShardWorker.Outcome.DONE, second.get());
    } finally {
      threads.shutdownNow();
    }

    assertAppliedExactlyOnce(database);
    assertEquals(records.size(), harness.progress.row("s1").recordsApplied());
    assertTrue(harness.metrics.recordsAlreadyApplied.get() > 0,
        "the two workers met: one skipped what the other had applied");
  }
}
