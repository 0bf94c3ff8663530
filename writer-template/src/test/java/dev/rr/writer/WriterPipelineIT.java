package dev.rr.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.config.WriterConfig;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.writer.dofn.BeamShardMetrics;
import dev.rr.writer.logic.ShardTurn;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.InterleaveStream;
import dev.rr.writer.testing.PipelineFixture;
import dev.rr.writer.testing.TestBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The writer pipeline on the DirectRunner: emulator metadata, two real MariaDB shards. */
class WriterPipelineIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();
  @RegisterExtension static SpannerEmulatorExtension emulator = new SpannerEmulatorExtension();

  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(10);

  @TempDir Path directory;

  private MySqlTestDatabase interleaveDatabase(int server) throws Exception {
    MySqlTestDatabase database = mysql.server(server).newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.createInterleaveTables(connection);
    }
    return database;
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(BeamShardMetrics.NAMESPACE, name)).build())
        .getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  private static void await(String what, Duration timeout, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!done.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "timed out waiting until " + what);
      Thread.sleep(250);
    }
  }

  private static boolean finished(Optional<ShardProgress> progress, Instant end) {
    return progress.isPresent() && progress.get().status() == ShardStatus.SUCCESS
        && progress.get().processedUpto().compareTo(PipelineFixture.timestamp(end)) > 0;
  }

  @Test
  void shouldApplyEachShardInOrderWhileAnotherShardWaitsForTheReader() throws Exception {
    Map<String, MySqlTestDatabase> databases =
        Map.of("shard1", interleaveDatabase(0), "shard2", interleaveDatabase(1));
    PipelineFixture fixture = new PipelineFixture(emulator, directory)
        .shard("shard1", databases.get("shard1")).shard("shard2", databases.get("shard2"));
    Map<String, InterleaveStream> streams = Map.of(
        "shard1", InterleaveStream.generate(11, "shard1", START, Duration.ofMillis(500), 200),
        "shard2", InterleaveStream.generate(12, "shard2", START, Duration.ofMillis(500), 200));
    TestBuffer buffer = new TestBuffer(Path.of(fixture.bufferDirectory()));
    Instant lastEnd = START;
    for (InterleaveStream stream : streams.values()) {
      List<TimeWindow> windows = new ArrayList<>(
          TestBuffer.windows(START, WINDOW, stream.records()).keySet());
      Instant end = windows.get(windows.size() - 1).end();
      lastEnd = end.isAfter(lastEnd) ? end : lastEnd;
    }
    Instant runEnd = lastEnd.minusMillis(1);
    fixture.startRun(START, runEnd, WINDOW);
    // The reader has finished shard1 and not yet started shard2.
    buffer.writeWindows("shard1", START, WINDOW, streams.get("shard1").records());
    fixture.createdUpto("shard1", lastEnd);
    WriterConfig config = fixture.config().sessionFilePath(fixture.interleaveSessionFile())
        .batchSize("50").build();

    PipelineResult result = WriterPipeline.run(config, PipelineFixture.directOptions());

    await("shard1 is done", Duration.ofMinutes(2),
        () -> finished(fixture.progress("shard1"), runEnd));
    ShardProgress waiting = fixture.progress("shard2").orElseThrow();
    assertEquals(PipelineFixture.timestamp(START), waiting.processedUpto(), "shard2 waits");
    assertEquals(0, waiting.recordsApplied());
    assertRunning(result);
    buffer.writeWindows("shard2", START, WINDOW, streams.get("shard2").records());
    fixture.createdUpto("shard2", lastEnd);

    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish(
        org.joda.time.Duration.standardMinutes(3)));
    for (String shard : List.of("shard1", "shard2")) {
      try (Connection connection = databases.get(shard).connect()) {
        assertEquals(streams.get(shard).expectedState(), InterleaveStream.actualState(connection),
            shard);
      }
      ShardProgress progress = fixture.progress(shard).orElseThrow();
      assertEquals(ShardStatus.SUCCESS, progress.status());
      assertEquals(streams.get(shard).records().size(), progress.recordsApplied());
      assertEquals(streams.get(shard).records().size(),
          counter(result, "records_processed_" + shard));
      assertEquals(TestBuffer.windows(START, WINDOW, streams.get(shard).records()).size(),
          counter(result, "file_read_" + shard));
    }
    assertTrue(counter(result, "metadata_file_create_lag_retry_shard2") > 0);
    assertEquals(counter(result, "records_processed_shard1")
        + counter(result, "records_processed_shard2"), counter(result, "records_processed"));
  }

  @Test
  void shouldKeepRetryingAShardWhoseServerIsDownAndCatchUpWhileTheOtherGoesOn()
      throws Exception {
    Map<String, MySqlTestDatabase> databases =
        Map.of("shard1", interleaveDatabase(0), "shard2", interleaveDatabase(1));
    PipelineFixture fixture = new PipelineFixture(emulator, directory)
        .shard("shard1", databases.get("shard1")).shard("shard2", databases.get("shard2"));
    Map<String, InterleaveStream> streams = Map.of(
        "shard1", InterleaveStream.generate(21, "shard1", START, Duration.ofSeconds(2), 240),
        "shard2", InterleaveStream.generate(22, "shard2", START, Duration.ofSeconds(2), 240));
    Map<String, Map<TimeWindow, List<ChangeRecord>>> windows = new ConcurrentHashMap<>();
    streams.forEach((shard, stream) ->
        windows.put(shard, TestBuffer.windows(START, WINDOW, stream.records())));
    Instant lastEnd = windows.values().stream()
        .flatMap(w -> w.keySet().stream()).map(TimeWindow::end).max(Instant::compareTo)
        .orElseThrow();
    Instant runEnd = lastEnd.minusMillis(1);
    fixture.startRun(START, runEnd, WINDOW);
    TestBuffer buffer = new TestBuffer(Path.of(fixture.bufferDirectory()));
    WriterConfig config = fixture.config().sessionFilePath(fixture.interleaveSessionFile())
        .batchSize("20").build();
    PipelineResult result = WriterPipeline.run(config, PipelineFixture.directOptions());

    // The reader: one more window of both shards every 400 ms, for about 30 s.
    Set<ShardStatus> shard2Statuses = ConcurrentHashMap.newKeySet();
    Thread reader = new Thread(() -> {
      try {
        for (Instant at = START; at.isBefore(lastEnd); at = at.plus(WINDOW)) {
          TimeWindow window = TimeWindow.starting(at, WINDOW);
          for (String shard : List.of("shard1", "shard2")) {
            List<ChangeRecord> records = windows.get(shard).get(window);
            if (records != null) {
              buffer.write(shard, window, records);
            }
            Instant published = window.end();
            SpannerRetry.forEmulator().run("createdUpto",
                () -> fixture.createdUpto(shard, published));
          }
          Thread.sleep(400);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "test-reader");
    reader.start();

    Thread.sleep(3_000);
    mysql.server(1).stop();
    Instant shard1Before = instant(fixture.progress("shard1"));
    Instant outageEnd = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(outageEnd)) {
      fixture.progress("shard2").ifPresent(p -> shard2Statuses.add(p.status()));
      Thread.sleep(500);
    }
    Instant shard1During = instant(fixture.progress("shard1"));
    ShardProgress shard2During = fixture.progress("shard2").orElseThrow();
    mysql.server(1).start();
    reader.join();

    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish(
        org.joda.time.Duration.standardMinutes(3)));
    assertTrue(shard1During.isAfter(shard1Before),
        "shard1 went on during the outage: " + shard1Before + " -> " + shard1During);
    assertTrue(shard2Statuses.contains(ShardStatus.RETRYING), shard2Statuses.toString());
    assertEquals(ShardStatus.RETRYING, shard2During.status());
    assertTrue(shard2During.error() != null && !shard2During.error().isBlank());
    for (String shard : List.of("shard1", "shard2")) {
      try (Connection connection = databases.get(shard).connect()) {
        assertEquals(streams.get(shard).expectedState(), InterleaveStream.actualState(connection),
            shard);
      }
      assertEquals(ShardStatus.SUCCESS, fixture.progress(shard).orElseThrow().status());
    }
    assertTrue(counter(result, "mySQL_retry_shard2") > 0);
    assertEquals(0, counter(result, "mySQL_retry_shard1"));
  }

  @Test
  void shouldApplyEverythingOnceWhenAKilledPipelineIsResumedWithResumeAll() throws Exception {
    Map<String, MySqlTestDatabase> databases =
        Map.of("shard1", interleaveDatabase(0), "shard2", interleaveDatabase(1));
    PipelineFixture fixture = new PipelineFixture(emulator, directory)
        .shard("shard1", databases.get("shard1")).shard("shard2", databases.get("shard2"));
    Map<String, InterleaveStream> streams = Map.of(
        "shard1", InterleaveStream.generate(31, "shard1", START, Duration.ofMillis(200), 1200),
        "shard2", InterleaveStream.generate(32, "shard2", START, Duration.ofMillis(200), 1200));
    TestBuffer buffer = new TestBuffer(Path.of(fixture.bufferDirectory()));
    // shard1's second half of windows appears only after the kill: the first pipeline cannot
    // finish shard1 however fast it applies, so the kill always lands in the middle of the run.
    Map<TimeWindow, List<ChangeRecord>> shard1Windows =
        TestBuffer.windows(START, WINDOW, streams.get("shard1").records());
    List<TimeWindow> shard1Order = new ArrayList<>(shard1Windows.keySet());
    List<TimeWindow> heldBack = shard1Order.subList(shard1Order.size() / 2, shard1Order.size());
    Instant lastEnd = START;
    for (Map.Entry<String, InterleaveStream> entry : streams.entrySet()) {
      for (Map.Entry<TimeWindow, List<ChangeRecord>> window
          : TestBuffer.windows(START, WINDOW, entry.getValue().records()).entrySet()) {
        if (!(entry.getKey().equals("shard1") && heldBack.contains(window.getKey()))) {
          buffer.write(entry.getKey(), window.getKey(), window.getValue());
        }
        lastEnd = window.getKey().end().isAfter(lastEnd) ? window.getKey().end() : lastEnd;
      }
    }
    fixture.startRun(START, lastEnd.minusMillis(1), WINDOW);
    fixture.createdUpto("shard1", heldBack.get(0).start());
    fixture.createdUpto("shard2", lastEnd);
    WriterConfig config = fixture.config().sessionFilePath(fixture.interleaveSessionFile())
        .batchSize("2").build();

    PipelineResult killed = WriterPipeline.run(config, PipelineFixture.directOptions());
    await("shard1 applied a first window", Duration.ofMinutes(2), () -> fixture.progress("shard1")
        .map(p -> p.recordsApplied() > 0).orElse(false));
    killed.cancel();
    long appliedWhenKilled = fixture.progress("shard1").orElseThrow().recordsApplied();
    assertTrue(appliedWhenKilled < streams.get("shard1").records().size(),
        "killed in the middle: " + appliedWhenKilled);
    for (TimeWindow window : heldBack) {
      buffer.write("shard1", window, shard1Windows.get(window));
    }
    fixture.createdUpto("shard1", lastEnd);

    PipelineResult resumed = WriterPipeline.run(
        config.withRunMode(dev.rr.common.config.WriterRunMode.RESUME_ALL),
        PipelineFixture.directOptions());

    assertEquals(PipelineResult.State.DONE, resumed.waitUntilFinish(
        org.joda.time.Duration.standardMinutes(5)));
    for (String shard : List.of("shard1", "shard2")) {
      try (Connection connection = databases.get(shard).connect()) {
        assertEquals(streams.get(shard).expectedState(), InterleaveStream.actualState(connection),
            shard);
      }
      // The checkpoint counts every committed record: a record applied twice would show.
      assertEquals(streams.get(shard).records().size(),
          fixture.progress(shard).orElseThrow().recordsApplied(), shard);
    }
    assertTrue(counter(resumed, "records_processed_shard1")
            <= streams.get("shard1").records().size() - appliedWhenKilled,
        "the resumed run started from shard1's checkpoint, not from the beginning");
  }

  @Test
  void shouldStopAWaitingShardsThreadPromptlyWhenThePipelineIsCancelled() throws Exception {
    PipelineFixture fixture = new PipelineFixture(emulator, directory)
        .shard("shard1", interleaveDatabase(0));
    fixture.startRun(START, START.plusSeconds(3600), WINDOW);
    // No window file and no created_upto: the shard waits for the reader, on its call's thread.
    WriterConfig config = fixture.config().sessionFilePath(fixture.interleaveSessionFile())
        .build();

    PipelineResult result = WriterPipeline.run(config, PipelineFixture.directOptions());
    await("shard1 waits on its call's thread", Duration.ofMinutes(2),
        () -> threadsInShardTurn() > 0);
    result.cancel();

    // The runtime is closed on cancel; the turn sees it within a stop check and gives the thread
    // back, instead of polling a closed runtime for the rest of its 10 s budget.
    await("no thread left in a shard's turn", Duration.ofSeconds(3),
        () -> threadsInShardTurn() == 0);
  }

  private static long threadsInShardTurn() {
    return Thread.getAllStackTraces().values().stream()
        .filter(stack -> java.util.Arrays.stream(stack)
            .anyMatch(frame -> frame.getClassName().equals(ShardTurn.class.getName())))
        .count();
  }

  /**
   * Still running. Asks {@code waitUntilFinish} first: on the DirectRunner it throws a failed
   * pipeline's error, which {@code getState()} would swallow.
   */
  private static void assertRunning(PipelineResult result) {
    assertEquals(null, result.waitUntilFinish(org.joda.time.Duration.millis(500)));
  }

  private static Instant instant(Optional<ShardProgress> progress) {
    return progress.map(p -> Instant.ofEpochSecond(p.processedUpto().getSeconds(),
        p.processedUpto().getNanos())).orElse(Instant.EPOCH);
  }
}
