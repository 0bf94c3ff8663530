package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one shard start at once, on the shard's very first transaction, with the server
 * at READ COMMITTED: one applies it, the other skips it. Before any checkpoint exists there is no
 * row for {@code SELECT ... FOR UPDATE} to lock, and READ COMMITTED takes no gap lock either, so
 * the checkpoint row must exist before the first transaction.
 */
class FirstTransactionRaceIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-09-01T00:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(START, START.plusSeconds(10));
  private static final String SCHEMA =
      "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, v BIGINT);"
          + "CREATE TABLE audit (n BIGINT AUTO_INCREMENT PRIMARY KEY, id BIGINT, op CHAR(1));"
          // Slow writes widen the race: both writers are inside their first transaction at once.
          + "CREATE TRIGGER items_slow BEFORE INSERT ON items FOR EACH ROW SET @slept = SLEEP(0.5);"
          + "CREATE TRIGGER items_ins AFTER INSERT ON items FOR EACH ROW"
          + " INSERT INTO audit (id, op) VALUES (NEW.id, 'I');"
          + "CREATE TRIGGER items_upd AFTER UPDATE ON items FOR EACH ROW"
          + " INSERT INTO audit (id, op) VALUES (NEW.id, 'U')";

  @TempDir Path bufferDirectory;

  private static SchemaMapping items() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("items", "id", SpannerType.of("INT64"))
        .spannerColumn("items", "v", SpannerType.of("INT64"))
        .sourceColumn("items", "id", SourceType.of("bigint"))
        .sourceColumn("items", "v", SourceType.of("bigint"))
        .sourcePrimaryKey("items", List.of("id"))
        .build();
  }

  @Test
  void shouldApplyTheFirstTransactionOnceWhenTwoWritersStartTogetherUnderReadCommitted()
      throws Exception {
    for (int round = 0; round < 3; round++) {
      MySqlTestDatabase database = mysql.newDatabase();
      try (Connection connection = database.connect()) {
        Fixtures.execute(connection, SCHEMA);
      }
      TestBuffer buffer = new TestBuffer(bufferDirectory.resolve("round" + round));
      buffer.write("s1", WINDOW, List.of(ChangeRecord.builder()
          .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(START.getEpochSecond() + 1, 0))
          .serverTransactionId("tx1").recordSequence("00000000").tableName("items")
          .modType(ModType.INSERT).keysJson("{\"id\":\"1\"}").newValuesJson("{\"v\":\"7\"}")
          .numberOfRecordsInTransaction(1).shard("s1").build()));
      WorkerHarness harness = new WorkerHarness(buffer, items()).start(START)
          .end(WINDOW.end().minusMillis(1));
      harness.readerProgress.set("s1", WINDOW.end());
      ShardConnections readCommitted = () -> {
        Connection connection = database.connect();
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return connection;
      };
      ShardWorker one = harness.worker("s1", readCommitted);
      ShardWorker two = harness.worker("s1", readCommitted);

      CountDownLatch go = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Future<ShardWorker.Outcome> first = threads.submit(() -> {
          go.await();
          return WorkerHarness.runToEnd(one, Duration.ofSeconds(30));
        });
        Future<ShardWorker.Outcome> second = threads.submit(() -> {
          go.await();
          return WorkerHarness.runToEnd(two, Duration.ofSeconds(30));
        });
        go.countDown();
        assertEquals(ShardWorker.Outcome.DONE, first.get());
        assertEquals(ShardWorker.Outcome.DONE, second.get());
      } finally {
        threads.shutdownNow();
      }

      try (Connection connection = database.connect()) {
        assertEquals(1, Fixtures.count(connection, "SELECT COUNT(*) FROM audit"),
            "round " + round + ": the transaction was applied once, not once per writer");
        assertEquals(1, Fixtures.count(connection,
            "SELECT records_applied FROM rr_replication_checkpoint"), "round " + round);
      }
    }
  }
}
