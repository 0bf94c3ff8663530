package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.AbortedException;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.TransactionManager;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestServer;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while reader and writer run, each ending with the exact comparison: a shard server
 * killed and restarted, the writer killed mid-window and resumed, the reader stopped and
 * resumed, an emulator that aborts commits at random, and a record one shard rejects.
 */
@ExtendWith(E2EReport.class)
class E2EFaultsIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();
  static final Duration PATIENCE = Duration.ofMinutes(2);
  static final int WANTED_ABORTS = 3;
  static final int MAX_PROBES = 1000;
  /** Emulator flags: change-stream partitions hand over every 2-4 s instead of 20-40 s. */
  static final List<String> CHURNING_PARTITIONS = List.of(
      "--override_change_stream_partition_token_alive_seconds=2",
      "--change_stream_churning_interval=2s",
      "--change_stream_churn_thread_sleep_interval=1s");

  @TempDir Path work;

  static SpannerEnv env() {
    return SpannerEnv.shared(SPANNER);
  }

  static ReplicationFixture started(SpannerEnv env, String name, Path work) throws Exception {
    ReplicationFixture fixture = ReplicationFixture.create(env, name, MYSQL.servers(3), work);
    fixture.preLaunchChecks();
    fixture.startReader(ReaderRunMode.REGULAR);
    fixture.startWriter(WriterRunMode.REGULAR);
    return fixture;
  }

  @Test
  void shouldCatchUpAfterAShardServerIsKilledAndRestarted() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    ScenarioResult result = E2EReport.run("shard-server-killed", () -> {
      try (ReplicationFixture fixture = started(env(), "outage", work)) {
        MySqlTestServer victim = fixture.servers.get(1);
        run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(21, 22, 10), workload -> {
          ReplicationRun.sleepScaled(3);
          ShardFaults.kill(victim);
          fixture.log("shard2's server killed (SIGKILL)");
          ReplicationRun.sleepScaled(15);
          victim.start();
          fixture.log("shard2's server restarted");
        });
      }
      return ScenarioResult.of("shard-server-killed", run[0].report(), run[0].balances().violations(),
          run[0].cutoverDone() && run[0].balances().unavailable() > 0);
    });

    assertTrue(result.passed(), result.line() + " " + run[0].describe());
  }

  @Test
  void shouldApplyNothingTwiceWhenTheWriterIsKilledMidWindowAndResumedAll() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    int[] blocked = new int[1];
    ScenarioResult result = E2EReport.run("writer-killed-resumeAll", () -> {
      try (ReplicationFixture fixture = started(env(), "wkill", work)) {
        run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(22, 12, 12), workload -> {
          ReplicationRun.sleepScaled(3);
          // Hold shard1's accounts so the writer's next window transaction stops half done.
          try (ShardFaults.HeldLock lock = ShardFaults.lockAccounts(fixture.shardDatabases.get(0))) {
            blocked[0] = awaitLockWait(fixture);
            fixture.log("writer blocked mid-window on shard1: %d session(s) waiting", blocked[0]);
            fixture.killWriters(Set.of(lock.sessionId()));
          }
          fixture.startWriter(WriterRunMode.RESUME_ALL);
        });
      }
      return ScenarioResult.of("writer-killed-resumeAll", run[0].report(),
          run[0].balances().violations(), run[0].cutoverDone() && blocked[0] > 0);
    });

    assertTrue(blocked[0] > 0, "the writer never blocked mid-window on the held lock");
    assertTrue(result.passed(), result.line() + " " + run[0].describe());
  }

  @Test
  void shouldStopOnlyTheShardThatRejectsARecordAndFinishAfterResumeFailed() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    AtomicReference<Map<String, ShardProgress>> whileFailed = new AtomicReference<>();
    ScenarioResult result = E2EReport.run("rejected-record-resumeFailed", () -> {
      try (ReplicationFixture fixture = started(env(), "reject", work)) {
        run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(24, 8, 12), workload -> {
          ReplicationRun.sleepScaled(2);
          // accounts.note is STRING(MAX) in Spanner but varchar(64) on the shards.
          SpannerRetry.forEmulator().write(fixture.client(), List.of(Mutation.newUpdateBuilder("accounts")
              .set("account_id").to(2_000_001L).set("note").to("x".repeat(100)).build()));
          fixture.log("planted a 100-character note on shard2");
        }, () -> {
          Timestamp stopped = Timestamp.now();
          whileFailed.set(awaitProgress(fixture, p -> p.get("shard2") != null
              && p.get("shard2").status() == ShardStatus.ERROR
              && appliedPast(p.get("shard1"), stopped) && appliedPast(p.get("shard3"), stopped)));
          fixture.log("shard2 in ERROR, others applied past %s: %s", stopped, whileFailed.get());
          try (Connection shard2 = fixture.shardDatabases.get(1).connect();
              Statement statement = shard2.createStatement()) {
            statement.execute("ALTER TABLE accounts MODIFY note varchar(255) NULL DEFAULT NULL");
          }
          fixture.startWriter(WriterRunMode.RESUME_FAILED);
          // The cutover would stop at the old ERROR row: wait for the resumed writer to report.
          awaitProgress(fixture, p -> p.get("shard2").status() != ShardStatus.ERROR);
        });
      }
      ShardProgress failed = whileFailed.get().get("shard2");
      return ScenarioResult.of("rejected-record-resumeFailed", run[0].report(),
          run[0].balances().violations(), run[0].cutoverDone() && failed.error() != null
              && failed.error().contains("note"));
    });

    ShardProgress failed = whileFailed.get().get("shard2");
    assertEquals(ShardStatus.ERROR, failed.status(), whileFailed.get().toString());
    assertTrue(failed.error().contains("note"), failed.error());
    assertEquals(ShardStatus.SUCCESS, whileFailed.get().get("shard1").status());
    assertEquals(ShardStatus.SUCCESS, whileFailed.get().get("shard3").status());
    assertTrue(result.passed(), result.line() + " " + run[0].describe());
  }

  /**
   * Every transaction of the run, the connector's partition-metadata ones included, meets random
   * commit aborts and must be retried. (Before the reader bounded the connector's Commit retries,
   * see {@code SpannerConfigs.METADATA_COMMIT_RETRIES}, each aborted connector transaction held
   * the reader for about a minute and this scenario timed out in 3 runs of 6.)
   */
  @Test
  void shouldReplicateExactlyThroughAnEmulatorThatAbortsCommits() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    int[] attempts = new int[2];
    ScenarioResult result = E2EReport.run("emulator-fault-injection", () -> {
      // Fault injection aborts commits at random. A request for a new transaction also aborts the
      // one in progress (instead of waiting for it: with faults, waiting stalled commits ~55 s).
      try (SpannerEmulator faulty = SpannerEmulator.start(List.of("--enable_fault_injection",
              "--abort_current_transaction_probability=100"));
          Spanner spanner = SpannerEmulator.connect(faulty.hostPort(), SPANNER.projectId())) {
        SpannerEmulator.createInstance(spanner, SPANNER.projectId(), SPANNER.instanceId());
        SpannerEnv env = SpannerEnv.own(faulty.hostPort(), spanner, SPANNER.projectId(), SPANNER.instanceId());
        try (ReplicationFixture fixture = started(env, "faulty", work)) {
          probeAborts(fixture, attempts);
          fixture.log("fault injection: %d transactions took %d attempts", attempts[0], attempts[1]);
          run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(25, 8, 12),
              ReplicationRun.During.NOTHING);
        }
      }
      return ScenarioResult.of("emulator-fault-injection", run[0].report(),
          run[0].balances().violations(), run[0].cutoverDone() && attempts[1] > attempts[0]);
    });

    assertTrue(attempts[1] > attempts[0], "no commit was aborted: " + attempts[1] + " attempts for "
        + attempts[0] + " transactions");
    assertTrue(result.passed(), result.line() + " " + run[0].describe());
  }

  /**
   * Commits blind writes one commit at a time, counting the commits the emulator aborted (each is
   * retried until it commits), until {@value #WANTED_ABORTS} were aborted or {@value #MAX_PROBES}
   * committed. Fault injection aborts a few percent of commits.
   */
  private static void probeAborts(ReplicationFixture fixture, int[] counts) {
    int committed = 0;
    int aborted = 0;
    while (aborted < WANTED_ABORTS && committed < MAX_PROBES) {
      try (TransactionManager manager = fixture.client().transactionManager()) {
        manager.begin().buffer(Mutation.newInsertOrUpdateBuilder("parent2")
            .set("id").to(9_000_000L + committed).set("migration_shard_id").to("shard3").build());
        manager.commit();
        committed++;
      } catch (AbortedException e) {
        aborted++;
      }
    }
    counts[0] = committed;
    counts[1] = committed + aborted;
  }

  private static int awaitLockWait(ReplicationFixture fixture) throws Exception {
    // The writer reaches shard1's next transfer once the reader has published its window.
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      int waits = ShardFaults.lockWaits(fixture.shardDatabases.get(0));
      if (waits > 0) {
        return waits;
      }
      Thread.sleep(100);
    }
    return 0;
  }

  static Map<String, ShardProgress> awaitProgress(ReplicationFixture fixture,
      Predicate<Map<String, ShardProgress>> done) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, ShardProgress> progress = fixture.shardProgress();
    while (!done.test(progress) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      progress = fixture.shardProgress();
    }
    return progress;
  }

  static boolean appliedPast(ShardProgress progress, Timestamp at) {
    return progress != null && progress.status() == ShardStatus.SUCCESS
        && progress.processedUpto().compareTo(at) > 0;
  }
}
