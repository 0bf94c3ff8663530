package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.model.ChangeRecord;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.writer.testing.CrashingConnections;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.InterleaveStream;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One shard's worker on a real MariaDB database and a real buffer directory. */
class ShardWorkerIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(10);

  @TempDir Path bufferDirectory;

  private MySqlTestDatabase interleaveDatabase(int server) throws Exception {
    MySqlTestDatabase database = mysql.server(server).newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.createInterleaveTables(connection);
    }
    return database;
  }

  @Test
  void shouldApplyTheInterleaveStreamToTwoShardsExactlyDespiteForeignKeys() throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    WorkerHarness harness = new WorkerHarness(buffer, Fixtures.interleaveSession()).start(START);
    Map<String, MySqlTestDatabase> databases =
        Map.of("shard1", interleaveDatabase(0), "shard2", interleaveDatabase(1));
    Map<String, InterleaveStream> streams =
        Map.of(
            "shard1", InterleaveStream.generate(1, "shard1", START, Duration.ofMillis(300), 400),
            "shard2", InterleaveStream.generate(2, "shard2", START, Duration.ofMillis(700), 300));
    Instant end = START;
    for (Map.Entry<String, InterleaveStream> entry : streams.entrySet()) {
      List<TimeWindow> windows = buffer.writeWindows(entry.getKey(), START, WINDOW,
          entry.getValue().records());
      Instant last = windows.get(windows.size() - 1).end();
      end = last.isAfter(end) ? last : end;
    }
    // The reader has published every shard up to the same point.
    for (String shard : streams.keySet()) {
      harness.readerProgress.set(shard, end);
    }
    harness.end(end.minusMillis(1));

    for (String shard : List.of("shard1", "shard2")) {
      MySqlTestDatabase database = databases.get(shard);
      ShardWorker worker = harness.worker(shard, database::connect);
      assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(worker, Duration.ofMinutes(2)));
      try (Connection connection = database.connect()) {
        assertEquals(streams.get(shard).expectedState(), InterleaveStream.actualState(connection));
      }
      assertEquals(ShardStatus.SUCCESS, harness.progress.row(shard).status());
      assertEquals(streams.get(shard).records().size(),
          harness.progress.row(shard).recordsApplied());
    }
    long records = streams.values().stream().mapToLong(s -> s.records().size()).sum();
    assertEquals(records, harness.metrics.recordsProcessed.get());
    assertEquals(records, harness.metrics.recordsRead.get());
  }

  @Test
  void shouldSkipEmptyWindowsAndWaitForALateReader() throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    WorkerHarness harness = new WorkerHarness(buffer, Fixtures.interleaveSession()).start(START);
    MySqlTestDatabase database = interleaveDatabase(0);
    InterleaveStream stream =
        InterleaveStream.generate(3, "shard1", START, Duration.ofSeconds(4), 60);
    Map<TimeWindow, List<ChangeRecord>> windows =
        TestBuffer.windows(START, WINDOW, stream.records());
    List<TimeWindow> order = List.copyOf(windows.keySet());
    TimeWindow lastWindow = order.get(order.size() - 1);
    harness.end(lastWindow.end().minusMillis(1));
    ShardWorker worker = harness.worker("shard1", database::connect);

    // The reader has written the first half of the files and published nothing yet.
    int half = order.size() / 2;
    for (TimeWindow window : order.subList(0, half)) {
      buffer.write("shard1", window, windows.get(window));
    }
    ShardWorker.RunResult first = worker.runFor(Duration.ofSeconds(5));

    // Without created_upto, no file is known to be final: nothing is applied.
    assertEquals(ShardWorker.Outcome.WAIT, first.outcome());
    assertEquals(START, worker.position());
    assertTrue(harness.metrics.createLagRetries.get() >= 1);

    // The reader catches up later: the rest of the files, then its progress.
    for (TimeWindow window : order.subList(half, order.size())) {
      buffer.write("shard1", window, windows.get(window));
    }
    harness.readerProgress.set("shard1", lastWindow.end());

    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(worker, Duration.ofMinutes(1)));
    try (Connection connection = database.connect()) {
      assertEquals(stream.expectedState(), InterleaveStream.actualState(connection));
    }
    long emptyWindows = Duration.between(START, lastWindow.end()).dividedBy(WINDOW) - order.size();
    assertTrue(emptyWindows > 0, "the stream has empty windows: " + emptyWindows);
    assertEquals(order.size(), harness.metrics.filesRead.get(), "empty windows are not read");
  }

  @Test
  void shouldNeverApplyAWindowFileBeforeTheReaderDeclaredItFinal() throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    WorkerHarness harness = new WorkerHarness(buffer, Fixtures.interleaveSession()).start(START);
    MySqlTestDatabase database = interleaveDatabase(0);
    InterleaveStream stream =
        InterleaveStream.generate(9, "shard1", START, Duration.ofMillis(100), 80);
    List<ChangeRecord> records = stream.records();
    TimeWindow window = new TimeWindow(START, START.plusSeconds(60));
    harness.window(window.duration()).end(window.end().minusMillis(1));
    // A drained reader fired the open window: its file holds only the changes read so far, and
    // created_upto stays at the window's start.
    Instant drainedAt = START.plusSeconds(4);
    List<ChangeRecord> readBeforeDrain = records.stream()
        .filter(r -> r.commitTimestamp().toSqlTimestamp().toInstant().isBefore(drainedAt))
        .toList();
    assertTrue(readBeforeDrain.size() > 0 && readBeforeDrain.size() < records.size());
    buffer.write("shard1", window, readBeforeDrain);
    harness.readerProgress.set("shard1", window.start());
    ShardWorker worker = harness.worker("shard1", database::connect);

    assertEquals(ShardWorker.Outcome.WAIT, worker.runFor(Duration.ofSeconds(2)).outcome());
    assertEquals(START, worker.position());
    try (Connection connection = database.connect()) {
      assertEquals(0, Fixtures.count(connection, "SELECT COUNT(*) FROM rr_replication_checkpoint"
          + " WHERE records_applied > 0"), "nothing of a window that is not final is applied");
    }

    // The resumed reader reads the window again, writes it whole and declares it final.
    buffer.write("shard1", window, records);
    harness.readerProgress.set("shard1", window.end());

    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(worker, Duration.ofMinutes(1)));
    try (Connection connection = database.connect()) {
      assertEquals(stream.expectedState(), InterleaveStream.actualState(connection));
    }
  }

  @Test
  void shouldApplyAWindowTheReaderRewroteOnResumeWithoutApplyingAnythingTwice() throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    WorkerHarness harness = new WorkerHarness(buffer, Fixtures.interleaveSession())
        .start(START).batchSize(5);
    MySqlTestDatabase database = interleaveDatabase(0);
    InterleaveStream stream =
        InterleaveStream.generate(4, "shard1", START, Duration.ofMillis(100), 80);
    List<ChangeRecord> records = stream.records();
    TimeWindow window = new TimeWindow(START, START.plusSeconds(60));
    harness.window(window.duration()).end(window.end().minusMillis(1));
    harness.readerProgress.set("shard1", window.end());
    buffer.write("shard1", window, records);
    // The writer dies in the middle of the window...
    ShardWorker first = harness.worker("shard1",
        new CrashingConnections(database::connect, 4, true));
    assertThrows(CrashingConnections.Crash.class, () -> first.runFor(Duration.ofSeconds(5)));
    long appliedBeforeCrash;
    try (Connection connection = database.connect()) {
      appliedBeforeCrash = Fixtures.count(connection,
          "SELECT records_applied FROM rr_replication_checkpoint");
    }

    // ...the resumed reader writes the same window again (same records, a new file)...
    buffer.write("shard1", window, records);
    ShardWorker resumed = harness.worker("shard1", database::connect);

    // ...and the restarted writer finishes it: nothing twice, nothing missing.
    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(resumed, Duration.ofMinutes(1)));
    try (Connection connection = database.connect()) {
      assertEquals(stream.expectedState(), InterleaveStream.actualState(connection));
    }
    assertTrue(appliedBeforeCrash > 0 && appliedBeforeCrash < records.size(),
        "crashed mid-window after " + appliedBeforeCrash + " records");
    assertEquals(records.size(), harness.progress.row("shard1").recordsApplied());
    assertEquals(appliedBeforeCrash, harness.metrics.recordsAlreadyApplied.get());
  }

  @Test
  void shouldApplyConsecutiveSmallWindowsInSharedMySqlTransactions() throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    WorkerHarness harness = new WorkerHarness(buffer, Fixtures.interleaveSession())
        .start(START).window(Duration.ofSeconds(1)).batchSize(1000);
    MySqlTestDatabase database = interleaveDatabase(0);
    // About 2 transactions per second with a few 25 s pauses, in 1 s windows: hundreds of small
    // files with empty stretches between some of them.
    InterleaveStream stream =
        InterleaveStream.generate(5, "shard1", START, Duration.ofMillis(400), 300);
    List<TimeWindow> windows =
        buffer.writeWindows("shard1", START, Duration.ofSeconds(1), stream.records());
    Instant end = windows.get(windows.size() - 1).end();
    harness.readerProgress.set("shard1", end);
    harness.end(end.minusMillis(1));
    ShardWorker worker = harness.worker("shard1", database::connect);

    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(worker, Duration.ofMinutes(1)));
    try (Connection connection = database.connect()) {
      assertEquals(stream.expectedState(), InterleaveStream.actualState(connection));
    }
    assertEquals(windows.size(), harness.metrics.filesRead.get());
    assertEquals(stream.records().size(), harness.progress.row("shard1").recordsApplied());
    // Each run covers at least MAX_RUN_SPAN less one window of commit time (the last one less),
    // and holds fewer records than batchSize: one MySQL transaction per run, not per window.
    long spanSeconds = Duration.between(START, end).toSeconds();
    long runsAtMost = spanSeconds / (ShardWorker.MAX_RUN_SPAN.toSeconds() - 1) + 1;
    long commits = harness.metrics.mySqlCommits.get();
    assertTrue(commits >= 1 && commits <= runsAtMost,
        commits + " MySQL transactions for " + windows.size() + " windows over " + spanSeconds
            + " s (at most " + runsAtMost + " runs)");
    assertTrue(windows.size() > 10 * runsAtMost, windows.size() + " windows");
  }
}
