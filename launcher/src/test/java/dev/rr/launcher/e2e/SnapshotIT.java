package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.launch.SnapshotLaunch;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.launcher.workload.Workload;
import dev.rr.launcher.workload.WorkloadConfig;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.writer.snapshot.ChunkDao;
import dev.rr.writer.snapshot.SnapshotCheckpoint;
import dev.rr.writer.snapshot.beam.SnapshotRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initial snapshot end to end: a populated Spanner database, empty shards, a workload running
 * while the snapshot loads, then streaming from T; and a snapshot crashed half-way and resumed.
 */
class SnapshotIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  /** The workload before T, and again during the snapshot: 6 s at 40 transactions a second. */
  private static final WorkloadConfig POPULATE = ReplicationRun.workload(11, 6, 40);
  private static final WorkloadConfig CRASH_POPULATE =
      WorkloadConfig.ofTransactions(11, ReplicationFixture.SHARD_IDS, 180);

  @TempDir Path work;

  @Test
  void shouldLoadShardsAtTWhileTheWorkloadRunsThenStreamFromTAndEndEqual() throws Exception {
    try (ReplicationFixture fixture = ReplicationFixture.create(env(), "snap", MYSQL.servers(3), work)) {
      fixture.preLaunchChecks();
      Workload workload = populate(fixture, POPULATE);
      long before = workload.stats().transactions();
      Timestamp at = SpannerTime.now(fixture.client());
      fixture.start = at;
      fixture.startReader(ReaderRunMode.REGULAR);
      SnapshotRun snapshot = SnapshotLaunch.prepare(fixture.env.spanner(),
          fixture.config(ReaderRunMode.REGULAR, WriterRunMode.REGULAR), at, 50, fixture.out);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread during = new Thread(() -> {
        try {
          workload.run();
        } catch (Throwable e) {
          failure.set(e);
        }
      }, "snapshot-workload");
      during.start();
      SnapshotRun.Result loaded;
      try {
        loaded = snapshot.run(DirectPipelines.nonBlockingOptions());
        fixture.startWriter(WriterRunMode.REGULAR);
      } finally {
        during.join();
      }
      assertEquals(null, failure.get(), "the workload during the snapshot failed");
      long writesAfterT = workload.stats().transactions() - before;
      fixture.log("snapshot %s; workload %s", loaded, workload.stats());
      try (BalanceSampler sampler = new BalanceSampler(fixture.shards(),
          POPULATE.accountsPerShard(), POPULATE.balancePerShard()).start()) {
        ReplicationRun.Outcome run = ReplicationRun.cutOverAndVerify(fixture, sampler, workload.stats());

        assertEquals(snapshotRows(fixture, at), loaded.rowsLoaded(), "rows loaded = rows at T");
        assertEquals(0, loaded.chunksSkipped());
        assertEquals(0, loaded.unrouted());
        assertTrue(writesAfterT > 50, "the workload wrote during the snapshot: " + writesAfterT);
        assertTrue(run.cutoverDone(), run.describe());
        assertTrue(run.report().equal(), run.describe());
        assertEquals(0, run.balances().violations(), run.describe());
        assertTrue(run.balances().samples() > 10, run.describe());
      }
    }
  }

  @Test
  void shouldResumeACrashedSnapshotWithoutReloadingFinishedChunks() throws Exception {
    try (ReplicationFixture fixture = ReplicationFixture.create(env(), "snapcrash", MYSQL.servers(3), work)) {
      fixture.preLaunchChecks();
      // A count, not a duration: under load a timed workload wrote too few rows for the premise.
      populate(fixture, CRASH_POPULATE);
      Timestamp at = SpannerTime.now(fixture.client());
      SnapshotRun snapshot = SnapshotLaunch.prepare(fixture.env.spanner(),
          fixture.config(ReaderRunMode.REGULAR, WriterRunMode.REGULAR), at, 5, fixture.out);

      PipelineResult crashed = snapshot.start(DirectPipelines.nonBlockingOptions());
      while (chunkRows(fixture) < 5 && !crashed.getState().isTerminal()) {
        Thread.sleep(20);
      }
      crashed.cancel();
      awaitStopped(crashed);
      Thread.sleep(1000);
      long before = chunkRows(fixture);
      fixture.log("crashed with %d chunks loaded", before);
      SnapshotRun.Result resumed = snapshot.run(DirectPipelines.nonBlockingOptions());
      long after = chunkRows(fixture);

      assertTrue(before >= 5 && before < after, "the crash came mid-way: " + before + " of " + after);
      assertEquals(before, resumed.chunksSkipped(), "finished chunks are skipped, not reloaded");
      assertEquals(after - before, resumed.chunksLoaded());
      VerifyReport report = fixture.verify(at);
      assertTrue(report.equal(), "shards equal Spanner at T after the resume");
      assertTrue(report.spannerRows() > 50, "rows compared: " + report.spannerRows());
      for (int i = 0; i < fixture.shardDatabases.size(); i++) {
        String shard = ReplicationFixture.SHARD_IDS.get(i);
        try (Connection connection = fixture.shardDatabases.get(i).connect()) {
          Checkpoint checkpoint = new CheckpointDao().read(connection, fixture.runId, shard).orElseThrow();
          assertEquals(SnapshotCheckpoint.at(fixture.runId, shard, at).commitTimestamp(),
              checkpoint.commitTimestamp(), shard + " checkpoint at T");
        }
      }
    }
  }

  static SpannerEnv env() {
    return SpannerEnv.shared(SPANNER);
  }

  /** Accounts and {@code config}'s random transactions, committed before T; run it again for more. */
  private static Workload populate(ReplicationFixture fixture, WorkloadConfig config) throws Exception {
    Workload workload = new Workload(fixture.client(), config,
        SpannerRetry.forEmulator().withMaxAttempts(50));
    workload.createAccounts();
    workload.run();
    fixture.log("populated: %s", workload.stats());
    return workload;
  }

  private static long snapshotRows(ReplicationFixture fixture, Timestamp at) {
    return dev.rr.writer.snapshot.SnapshotBootstrap.rowCounts(fixture.client(), fixture.mapping(), at)
        .values().stream().mapToLong(Long::longValue).sum();
  }

  private static long chunkRows(ReplicationFixture fixture) throws Exception {
    long total = 0;
    for (MySqlTestDatabase database : fixture.shardDatabases) {
      try (Connection connection = database.connect(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + ChunkDao.TABLE)) {
        rows.next();
        total += rows.getLong(1);
      } catch (java.sql.SQLSyntaxErrorException e) {
        // The table is created by the snapshot's shard check.
      }
    }
    return total;
  }

  private static void awaitStopped(PipelineResult pipeline) {
    try {
      pipeline.waitUntilFinish(org.joda.time.Duration.standardSeconds(30));
    } catch (RuntimeException e) {
      // A cancelled DirectRunner pipeline may surface the cancellation as an error.
    }
  }
}
