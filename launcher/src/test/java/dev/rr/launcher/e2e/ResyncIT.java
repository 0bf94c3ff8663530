package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.input.Shard;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.mysql.checkpoint.ResyncFence;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.launch.ShardResyncLaunch;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.launcher.verify.ShardDatabases;
import dev.rr.launcher.verify.Verifier;
import dev.rr.launcher.verify.VerifyConfig;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.launcher.workload.Workload;
import dev.rr.launcher.workload.WorkloadConfig;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.writer.snapshot.ChunkDao;
import dev.rr.writer.snapshot.SnapshotBootstrap;
import dev.rr.writer.snapshot.SnapshotCheckpoint;
import dev.rr.writer.snapshot.SnapshotPlan;
import dev.rr.writer.snapshot.beam.SnapshotRun;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rr resync} of one shard of a running run, under load: the shard has planted differences
 * (a missing, an extra and a changed row); after the resync and the cutover every shard equals
 * Spanner, and the other shards' writers kept applying while the shard was fenced.
 */
class ResyncIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  private static final int RESYNCED = 1;
  private static final long EXTRA_ID = 987_654_321L;
  /** The longest the first test keeps the shard fenced before loading it. */
  private static final Duration FENCE_HELD = Duration.ofSeconds(30);

  @TempDir Path work;

  @Test
  void shouldBringAShardWithPlantedDifferencesToSpannerWhileOtherShardsGoOn() throws Exception {
    try (ReplicationFixture fixture = ReplicationFixture.create(SpannerEnv.shared(SPANNER), "resync",
        MYSQL.servers(3), work)) {
      fixture.preLaunchChecks();
      fixture.startReader(ReaderRunMode.REGULAR);
      fixture.startWriter(WriterRunMode.REGULAR);
      WorkloadConfig config = ReplicationRun.workload(17, 40, 15);
      Workload workload = new Workload(fixture.client(), config,
          SpannerRetry.forEmulator().withMaxAttempts(50));
      workload.createAccounts();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread background = new Thread(() -> {
        try {
          workload.run();
        } catch (Throwable e) {
          failure.set(e);
        }
      }, "resync-workload");
      background.start();
      String shard = ReplicationFixture.SHARD_IDS.get(RESYNCED);
      MySqlTestDatabase database = fixture.shardDatabases.get(RESYNCED);
      awaitRows(database, "accounts");
      plant(database);
      fixture.log("differences planted in %s; resync starts", shard);

      SnapshotRun.Result result;
      Map<String, long[]> others;
      Set<String> owedWhileFenced;
      try (OtherShards watch = new OtherShards(fixture, shard).start()) {
        SnapshotRun load = ShardResyncLaunch.prepare(fixture.env.spanner(), request(fixture, shard),
            fixture.out);
        // The fence stands before the load (which may take only 2 s) until the other shards
        // applied meanwhile, or FENCE_HELD passed: on the DirectRunner a shard's turn may wait
        // seconds for a thread, and a lagging reader may make no window final for a while.
        watch.awaitOthersApplied(FENCE_HELD);
        result = load.run(DirectPipelines.nonBlockingOptions());
        others = watch.stop();
        owedWhileFenced = watch.owedWhileFenced(Duration.ofSeconds(3));
      }
      fixture.log("resync done: %s; other shards while fenced (applied first, last): %s; windows"
          + " with records made final then for %s", result, describe(others), owedWhileFenced);
      assertEquals(0, count(database, "SELECT COUNT(*) FROM parent2 WHERE id = " + EXTRA_ID),
          "the extra row Spanner does not have is deleted");
      try (BalanceSampler sampler = new BalanceSampler(fixture.shards(), config.accountsPerShard(),
          config.balancePerShard()).start()) {
        background.join();
        assertEquals(null, failure.get(), "the workload failed");
        ReplicationRun.Outcome run = ReplicationRun.cutOverAndVerify(fixture, sampler,
            workload.stats());

        assertTrue(result.rowsLoaded() > 0, result.toString());
        assertEquals(0, result.unrouted());
        assertTrue(run.cutoverDone(), run.describe());
        assertTrue(run.report().equal(), run.describe());
        assertTrue(run.report().spannerRows() > 50, run.describe());
        assertEquals(0, run.balances().violations(), run.describe());
        assertEquals(2, others.size(), "both other shards watched while fenced");
        // Only a window with records made final while the fence stood (3 s before its end at the
        // latest) had to be applied; a reader lagging behind (a loaded machine) may have made
        // none, and a final window may hold nothing for a shard.
        others.forEach((other, applied) -> assertTrue(applied[1] > applied[0]
            || !owedWhileFenced.contains(other), other + " applied nothing while " + shard
            + " was fenced, though it was owed a final window: " + describe(others)));
      }
    }
  }

  @Test
  void shouldRefuseFromTheCommandLineBeforeFencingWhenTheLoadOutlastsTheRetention() throws Exception {
    try (ReplicationFixture fixture = ReplicationFixture.create(SpannerEnv.shared(SPANNER), "resyncno",
        MYSQL.servers(3), work)) {
      fixture.preLaunchChecks();
      String shard = ReplicationFixture.SHARD_IDS.get(RESYNCED);
      SpannerTarget source = fixture.config(ReaderRunMode.REGULAR, WriterRunMode.REGULAR).source();

      RrRun refused = RrRun.of("resync", "--runIdentifier", fixture.runId, "--shard", shard,
          "--spannerProjectId", source.projectId(), "--instanceId", source.instanceId(),
          "--databaseId", source.databaseId(),
          "--emulatorHost", source.emulatorHost().orElseThrow(),
          "--sourceShardsFilePath", fixture.shardsFile.toString(),
          "--sessionFilePath", fixture.sessionFile.toString(), "--snapshotMaxDuration", "2h");
      RrRun unknown = RrRun.of("resync", "--runIdentifier", fixture.runId, "--shard", "shard9",
          "--spannerProjectId", source.projectId(), "--instanceId", source.instanceId(),
          "--databaseId", source.databaseId(),
          "--emulatorHost", source.emulatorHost().orElseThrow(),
          "--sourceShardsFilePath", fixture.shardsFile.toString());

      assertEquals(2, refused.exitCode(), refused.out() + refused.err());
      assertTrue(refused.err().contains("--snapshotMaxDuration 2h")
          && refused.err().contains("version_retention_period = 1h"), refused.err());
      MySqlTestDatabase database = fixture.shardDatabases.get(RESYNCED);
      try (Connection connection = database.connect()) {
        assertEquals(Optional.empty(), new CheckpointDao().read(connection, fixture.runId, shard),
            "nothing fenced");
      }
      assertEquals(0, count(database, "SELECT COUNT(*) FROM information_schema.TABLES WHERE"
          + " TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'rr\\_resync\\_%'"), "no staging table");
      assertEquals(2, unknown.exitCode(), unknown.out() + unknown.err());
      assertTrue(unknown.err().contains("shard shard9 is not in"), unknown.err());
    }
  }

  @Test
  void shouldResumeACrashedResyncWithoutReloadingFinishedChunksWhileStatusShowsItsProgress()
      throws Exception {
    try (ReplicationFixture fixture = ReplicationFixture.create(SpannerEnv.shared(SPANNER),
        "resynccrash", MYSQL.servers(3), work)) {
      fixture.preLaunchChecks();
      Workload workload = new Workload(fixture.client(), ReplicationRun.workload(23, 3, 40),
          SpannerRetry.forEmulator().withMaxAttempts(50));
      workload.createAccounts();
      workload.run();
      String shard = ReplicationFixture.SHARD_IDS.get(RESYNCED);
      MySqlTestDatabase database = fixture.shardDatabases.get(RESYNCED);
      execute(database, "INSERT INTO parent2 (id) VALUES (" + EXTRA_ID + ")");
      ShardResyncLaunch.Request request = request(fixture, shard, 5);

      SnapshotRun first = ShardResyncLaunch.prepare(fixture.env.spanner(), request, fixture.out);
      PipelineResult crashed = first.start(DirectPipelines.nonBlockingOptions());
      String chunkRun = fixture.runId + SnapshotPlan.RESYNC_CHUNKS;
      while (count(database, chunks(chunkRun, "COUNT(*)")) < 3 && !crashed.getState().isTerminal()) {
        Thread.sleep(20);
      }
      crashed.cancel();
      awaitStopped(crashed);
      Thread.sleep(1000);
      long chunksBefore = count(database, chunks(chunkRun, "COUNT(*)"));
      long accountsBefore = count(database, chunks(chunkRun, "COALESCE(SUM(rows_loaded), 0)")
          + " AND table_name = 'accounts'");
      fixture.log("crashed with %d chunks loaded", chunksBefore);
      try (Connection connection = database.connect()) {
        assertTrue(ResyncFence.isFence(new CheckpointDao().read(connection, fixture.runId, shard)
            .orElseThrow()), "the fence keeps the writer off after the crash");
      }
      RrRun status = status(fixture);
      long accountsAtT = accounts(fixture, shard, first.plan().snapshot());
      // Resumed as an operator would, without the first attempt's --snapshotChunkRows: the
      // resume keeps the chunking its finished chunks were cut by.
      SnapshotRun.Result resumed = ShardResyncLaunch.run(fixture.env.spanner(),
          request(fixture, shard, 20_000), fixture.out);
      long chunksAfter = count(database, chunks(chunkRun, "COUNT(*)"));

      assertEquals(0, status.exitCode(), status.out() + status.err());
      assertTrue(status.out().matches("(?s).*\\n" + shard + "\\s+RESYNC \\(fenced\\)\\s+-\\s.*"),
          status.out());
      assertTrue(status.out().matches("(?s).*\\n" + shard + "\\s+RESYNC\\s+accounts\\s+"
          + accountsBefore + "\\s+" + accountsAtT + "\\s+\\d+%\\s+\\d+\\s+\\d+ rows/s\\s+\\S+\\n.*"),
          status.out());
      assertTrue(chunksBefore >= 3 && chunksBefore < chunksAfter,
          "the crash came mid-way: " + chunksBefore + " of " + chunksAfter);
      assertEquals(chunksBefore, resumed.chunksSkipped(), "finished chunks are skipped");
      assertEquals(chunksAfter - chunksBefore, resumed.chunksLoaded());
      assertEquals(0, count(database, "SELECT COUNT(*) FROM parent2 WHERE id = " + EXTRA_ID));
      VerifyReport report = verifyOne(fixture, RESYNCED, first.plan().snapshot());
      assertTrue(report.missing() == 0 && report.extra() == 0 && report.different() == 0,
          "the shard equals Spanner at T");
      assertEquals(first.estimatedRows(), report.spannerRows(), "the estimate is the shard's rows");
      assertTrue(report.spannerRows() >= 10, "rows compared: " + report.spannerRows());
      try (Connection connection = database.connect()) {
        Checkpoint restored = new CheckpointDao().read(connection, fixture.runId, shard).orElseThrow();
        assertEquals(SnapshotCheckpoint.at(fixture.runId, shard, first.plan().snapshot())
            .commitTimestamp(), restored.commitTimestamp(), "the checkpoint is at T, unfenced");
      }
      assertFalse(status(fixture).out().contains("RESYNC"), "nothing loads any more");
    }
  }

  private static RrRun status(ReplicationFixture fixture) {
    SpannerTarget source = fixture.config(ReaderRunMode.REGULAR, WriterRunMode.REGULAR).source();
    return RrRun.of("status", "--runIdentifier", fixture.runId,
        "--spannerProjectId", source.projectId(), "--instanceId", source.instanceId(),
        "--databaseId", source.databaseId(), "--emulatorHost", source.emulatorHost().orElseThrow(),
        "--metadataDatabase", fixture.metadata.databaseId(),
        "--sourceShardsFilePath", fixture.shardsFile.toString());
  }

  /** The accounts of {@code shard} in Spanner at {@code at}. */
  private static long accounts(ReplicationFixture fixture, String shard, Timestamp at) {
    return SnapshotBootstrap.shardRowCounts(fixture.client(), fixture.mapping(), at,
        ReplicationFixture.SHARD_IDS).get(shard).get("accounts");
  }

  /** {@code rr verify}'s comparison of one shard (the others' rows count as unrouted). */
  private static VerifyReport verifyOne(ReplicationFixture fixture, int index, Timestamp at)
      throws Exception {
    List<Shard> shards = fixture.shards();
    VerifyReport report = new Verifier(fixture.client(), fixture.mapping(),
        ShardDatabases.defaultRouter(fixture.mapping(), shards),
        ShardDatabases.of(List.of(shards.get(index))), VerifyConfig.at(at)).verify(line -> { });
    report.print(fixture.out);
    return report;
  }

  private static String chunks(String chunkRun, String what) {
    return "SELECT " + what + " FROM " + ChunkDao.TABLE + " WHERE run_id = '" + chunkRun + "'";
  }

  private static void execute(MySqlTestDatabase database, String sql) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private static void awaitStopped(PipelineResult pipeline) {
    try {
      pipeline.waitUntilFinish(org.joda.time.Duration.standardSeconds(30));
    } catch (RuntimeException e) {
      // A cancelled DirectRunner pipeline may surface the cancellation as an error.
    }
  }

  private static ShardResyncLaunch.Request request(ReplicationFixture fixture, String shard) {
    return request(fixture, shard, 20);
  }

  private static ShardResyncLaunch.Request request(ReplicationFixture fixture, String shard,
      int chunkRows) {
    SpannerTarget source = fixture.config(ReaderRunMode.REGULAR, WriterRunMode.REGULAR).source();
    return new ShardResyncLaunch.Request(source, fixture.runId, fixture.shardsFile.toString(),
        Optional.of(fixture.sessionFile.toString()), Optional.of(ZoneOffset.UTC), shard, Set.of(),
        chunkRows, 2000, Optional.empty(), dev.rr.common.config.WriterConfig.SourceType.MYSQL);
  }

  /** A missing, an extra and a changed row, written straight into the shard. */
  private static void plant(MySqlTestDatabase database) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(1, statement.executeUpdate("DELETE FROM accounts ORDER BY account_id LIMIT 1"));
      assertEquals(1, statement.executeUpdate("INSERT INTO parent2 (id) VALUES (" + EXTRA_ID + ")"));
      assertEquals(1, statement.executeUpdate(
          "UPDATE accounts SET balance = balance + 1 ORDER BY account_id DESC LIMIT 1"));
    }
  }

  private static void awaitRows(MySqlTestDatabase database, String table) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (count(database, "SELECT COUNT(*) FROM " + table) < 2) {
      assertTrue(System.nanoTime() < deadline, "no " + table + " replicated in 2 minutes");
      Thread.sleep(500);
    }
  }

  private static long count(MySqlTestDatabase database, String sql) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (java.sql.SQLSyntaxErrorException e) {
      // The chunk table is created by the resync's begin.
      return 0;
    }
  }

  private static String describe(Map<String, long[]> others) {
    StringBuilder text = new StringBuilder();
    others.forEach((shard, applied) ->
        text.append(shard).append('=').append(applied[0]).append("..").append(applied[1]).append(' '));
    return text.toString().strip();
  }

  /**
   * Samples, while the resynced shard's checkpoint is a fence, the other shards' checkpoints and
   * the reader's {@code created_upto}: the records each other shard applied meanwhile (first and
   * last value seen), and whether it was owed a window (one with records, made final while fenced).
   */
  private static final class OtherShards implements AutoCloseable {
    private final ReplicationFixture fixture;
    private final String resynced;
    /** While fenced: when (nanoTime), created_upto by shard, the other shards' checkpoints. */
    private final List<Sample> samples = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::loop, "resync-other-shards");

    private record Sample(long at, Map<String, Timestamp> createdUpto,
        Map<String, Checkpoint> checkpoints) {}

    OtherShards(ReplicationFixture fixture, String resynced) {
      this.fixture = fixture;
      this.resynced = resynced;
    }

    OtherShards start() {
      thread.start();
      return this;
    }

    /** The records applied while fenced, first and last value seen, by other shard. */
    Map<String, long[]> stop() throws InterruptedException {
      running.set(false);
      thread.join();
      Map<String, long[]> applied = new HashMap<>();
      synchronized (samples) {
        for (Sample sample : samples) {
          sample.checkpoints().forEach((shard, checkpoint) -> applied.computeIfAbsent(shard,
              s -> new long[] {checkpoint.recordsApplied(), 0})[1] = checkpoint.recordsApplied());
        }
      }
      return applied;
    }

    /** Waits until every other shard applied records since the first sample, or {@code max}. */
    void awaitOthersApplied(Duration max) throws InterruptedException {
      long deadline = System.nanoTime() + max.toNanos();
      while (System.nanoTime() < deadline) {
        synchronized (samples) {
          if (!samples.isEmpty()) {
            Map<String, Checkpoint> first = samples.get(0).checkpoints();
            Map<String, Checkpoint> last = samples.get(samples.size() - 1).checkpoints();
            if (first.size() == ReplicationFixture.SHARD_IDS.size() - 1 && first.keySet().stream()
                .allMatch(shard -> last.containsKey(shard)
                    && last.get(shard).recordsApplied() > first.get(shard).recordsApplied())) {
              return;
            }
          }
        }
        Thread.sleep(200);
      }
    }

    /**
     * The other shards that were owed a window while the fence stood: a window file with records,
     * after the shard's checkpoint at the first sample, and final by {@code margin} before the
     * last sample (so the writer had time to apply it).
     */
    Set<String> owedWhileFenced(Duration margin) throws IOException {
      Set<String> owed = new TreeSet<>();
      List<Sample> taken;
      synchronized (samples) {
        taken = List.copyOf(samples);
      }
      if (taken.isEmpty()) {
        return owed;
      }
      long by = taken.get(taken.size() - 1).at() - margin.toNanos();
      Optional<Sample> due = taken.stream().filter(sample -> sample.at() <= by)
          .reduce((earlier, later) -> later);
      if (due.isEmpty()) {
        return owed;
      }
      Map<String, Checkpoint> first = taken.get(0).checkpoints();
      for (Map.Entry<Path, ?> file : BufferWindows.finalFiles(fixture.buffer,
          due.get().createdUpto()).entrySet()) {
        String shard = file.getKey().getParent().getFileName().toString();
        Checkpoint at = first.get(shard);
        if (at != null && !BufferWindows.window(file.getKey()).start().isBefore(at.windowEnd())
            && BufferWindows.records(file.getKey()) > 0) {
          owed.add(shard);
        }
      }
      return owed;
    }

    private void loop() {
      CheckpointDao checkpoints = new CheckpointDao();
      while (running.get()) {
        try {
          if (ResyncFence.isFence(read(checkpoints, resynced))) {
            Map<String, Timestamp> createdUpto = fixture.createdUpto();
            Map<String, Checkpoint> others = new HashMap<>();
            for (String shard : ReplicationFixture.SHARD_IDS) {
              Checkpoint checkpoint = shard.equals(resynced) ? null : read(checkpoints, shard);
              if (checkpoint != null) {
                others.put(shard, checkpoint);
              }
            }
            synchronized (samples) {
              samples.add(new Sample(System.nanoTime(), createdUpto, others));
            }
          }
          Thread.sleep(200);
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return;
          }
          // A sample may fail while a server is busy: the next one counts.
        }
      }
    }

    private Checkpoint read(CheckpointDao checkpoints, String shard) throws Exception {
      MySqlTestDatabase database =
          fixture.shardDatabases.get(ReplicationFixture.SHARD_IDS.indexOf(shard));
      try (Connection connection = database.connect()) {
        return checkpoints.read(connection, fixture.runId, shard).orElse(null);
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}
