package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.mysql.checkpoint.ResyncFence;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running writer keeps off a shard whose checkpoint is a {@link ResyncFence}: it applies
 * nothing and does not move past any window while the fence stands, and once the fence is
 * replaced by the checkpoint it restores, it applies exactly the transactions after that one.
 */
class ResyncFenceIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final int TRANSACTIONS = 60;
  /** The resync restores the checkpoint of this transaction. */
  private static final int RESTORED = 23;

  @TempDir Path bufferDirectory;

  @Test
  void shouldApplyNothingWhileFencedThenEverythingAfterTheRestoredCheckpoint() throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, "CREATE TABLE tags (k BIGINT NOT NULL PRIMARY KEY)");
    }
    List<ChangeRecord> records = new ArrayList<>();
    for (int i = 0; i < TRANSACTIONS; i++) {
      records.add(ChangeRecord.builder().commitTimestamp(commit(i)).serverTransactionId(txId(i))
          .recordSequence("00000000").tableName("tags").modType(ModType.INSERT)
          .keysJson("{\"k\":\"" + i + "\"}").newValuesJson("{}")
          .numberOfRecordsInTransaction(1).shard("s1").build());
    }
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    List<TimeWindow> windows = buffer.writeWindows("s1", START, WINDOW, records);
    TimeWindow last = windows.get(windows.size() - 1);
    WorkerHarness harness = new WorkerHarness(buffer, schema()).start(START).batchSize(7)
        .end(last.end().minusMillis(1));
    harness.readerProgress.set("s1", last.end());
    CheckpointDao checkpoints = new CheckpointDao();
    Instant restoredAt = START.plusMillis(700L * RESTORED);
    Checkpoint restore = new Checkpoint(WorkerHarness.RUN_ID, "s1",
        restoredAt.minusSeconds(1), restoredAt, commit(RESTORED), txId(RESTORED), 5);
    Checkpoint fence = new ResyncFence(commit(RESTORED), restore).checkpoint();
    try (Connection connection = database.connect()) {
      checkpoints.ensureTable(connection);
      checkpoints.ensureRow(connection, WorkerHarness.RUN_ID, "s1");
      connection.setAutoCommit(false);
      checkpoints.replace(connection, null, fence);
      connection.commit();
    }

    ShardWorker worker = harness.worker("s1", database::connect);
    for (int call = 0; call < 5; call++) {
      worker.runFor(Duration.ofSeconds(1));
    }

    assertEquals(new TreeSet<>(), tags(database), "nothing applied while fenced");
    assertEquals(fence, read(database, checkpoints), "the fence stands");
    // Everything before the restored checkpoint is the resync's: the worker may stand there.
    assertTrue(!worker.position().isAfter(restoredAt), "no window passed: " + worker.position());
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      checkpoints.replace(connection, fence, restore);
      connection.commit();
    }
    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(worker, Duration.ofMinutes(1)));
    TreeSet<Long> expected = new TreeSet<>();
    for (long i = RESTORED + 1; i < TRANSACTIONS; i++) {
      expected.add(i);
    }
    assertEquals(expected, tags(database), "exactly the transactions after the restored one");
    assertEquals(5 + TRANSACTIONS - RESTORED - 1, read(database, checkpoints).recordsApplied());
  }

  private static Timestamp commit(int i) {
    Instant at = START.plusMillis(700L * i);
    return Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano());
  }

  /** Zero-padded: transaction ids sort like the transactions. */
  private static String txId(int i) {
    return String.format("tx%04d", i);
  }

  private static Checkpoint read(MySqlTestDatabase database, CheckpointDao checkpoints)
      throws Exception {
    try (Connection connection = database.connect()) {
      return checkpoints.read(connection, WorkerHarness.RUN_ID, "s1").orElseThrow();
    }
  }

  private static TreeSet<Long> tags(MySqlTestDatabase database) throws Exception {
    TreeSet<Long> tags = new TreeSet<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT k FROM tags")) {
      while (rows.next()) {
        tags.add(rows.getLong(1));
      }
    }
    return tags;
  }

  private static SchemaMapping schema() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("tags", "k", SpannerType.of("INT64"))
        .sourceColumn("tags", "k", SourceType.of("bigint"))
        .sourcePrimaryKey("tags", List.of("k"))
        .build();
  }
}
