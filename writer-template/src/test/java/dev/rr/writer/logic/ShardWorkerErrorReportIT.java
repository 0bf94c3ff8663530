package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A shard stopped by a permanent error says so in the metadata even when that write fails once. */
class ShardWorkerErrorReportIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(START, START.plusSeconds(10));

  @TempDir Path bufferDirectory;

  @Test
  void shouldKeepTryingToRecordItsErrorStatusUntilTheMetadataWriteSucceeds() throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.createInterleaveTables(connection);
      Fixtures.execute(connection, "ALTER TABLE child11 MODIFY parent_id INT NOT NULL");
    }
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    // A NULL where the shard's column is NOT NULL: MySQL rejects it for good (error 1048).
    buffer.write("shard1", WINDOW, List.of(ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(START.getEpochSecond() + 1, 0))
        .serverTransactionId("tx1").recordSequence("00000000").tableName("child11")
        .modType(ModType.INSERT).keysJson("{\"child_id\":\"1\"}")
        .newValuesJson("{\"parent_id\":null}").numberOfRecordsInTransaction(1).shard("shard1")
        .build()));
    WorkerHarness harness = new WorkerHarness(buffer, Fixtures.interleaveSession())
        .start(START).end(WINDOW.end().minusMillis(1));
    harness.readerProgress.set("shard1", WINDOW.end());
    harness.progress.failWrites(ShardStatus.ERROR, 2);
    ShardWorker worker = harness.worker("shard1", database::connect);

    ShardWorker.RunResult first = worker.runFor(Duration.ofSeconds(30));
    ShardWorker.RunResult second = worker.runFor(Duration.ofSeconds(30));

    assertEquals(ShardWorker.Outcome.WAIT, first.outcome(), "ERROR not recorded yet: call again");
    assertEquals(ShardWorker.Outcome.FAILED, second.outcome());
    assertEquals(ShardStatus.ERROR, harness.progress.row("shard1").status());
    assertTrue(harness.progress.row("shard1").error().contains("child11"),
        harness.progress.row("shard1").error());
  }
}
