package dev.rr.launcher.e2e;

import com.google.cloud.Timestamp;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.status.CutoverCheck;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.launcher.workload.Workload;
import dev.rr.launcher.workload.WorkloadConfig;
import dev.rr.launcher.workload.WorkloadStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The common course of a replication scenario: the seeded workload runs in the background while
 * the balance sampler watches every shard and the scenario does its part (a fault, a restart);
 * then writes stop, the run is cut over at that instant, and Spanner at the cutover timestamp is
 * compared with the shards.
 */
final class ReplicationRun {
  /** Scales every workload duration, e.g. {@code -De2e.scale=20} for a soak run. */
  static final double SCALE = Double.parseDouble(System.getProperty("e2e.scale", "1"));

  /** The scenario's part, run in the test thread while the workload runs. */
  @FunctionalInterface
  interface During {
    void run(Workload workload) throws Exception;

    During NOTHING = workload -> { };
  }

  /** How a run ended. */
  record Outcome(Timestamp at, CutoverCheck.Outcome cutover, VerifyReport report,
      BalanceSampler.Stats balances, WorkloadStats workload) {
    boolean cutoverDone() {
      return cutover.verdict() == CutoverCheck.Verdict.DONE;
    }

    /** One line for assertion messages. */
    String describe() {
      return "workload " + workload + "; cutover " + cutover.verdict() + " " + cutover.reasons()
          + "; balance samples " + balances.samples() + ", violations " + balances.violations()
          + " " + balances.examples() + ", unavailable " + balances.unavailable()
          + "; verify: " + report.spannerRows() + " rows, missing " + report.missing()
          + ", extra " + report.extra() + ", different " + report.different()
          + ", unrouted " + report.unroutedRows();
    }
  }

  private ReplicationRun() {}

  /** A workload of {@code seconds} (times {@link #SCALE}) at {@code perSecond} transactions a second. */
  static WorkloadConfig workload(long seed, int seconds, int perSecond) {
    return WorkloadConfig.ofDuration(seed, ReplicationFixture.SHARD_IDS,
        Duration.ofMillis((long) (seconds * 1000 * SCALE)), perSecond);
  }

  /** The scenario's part after the workload stopped and before the cutover (e.g. a repair). */
  @FunctionalInterface
  interface After {
    void run() throws Exception;
  }

  /**
   * Runs {@code config}'s workload against the fixture (pipelines already started), does {@code
   * during} meanwhile, then cuts over and verifies.
   */
  static Outcome run(ReplicationFixture fixture, WorkloadConfig config, During during)
      throws Exception {
    return run(fixture, config, during, () -> { });
  }

  /** {@link #run(ReplicationFixture, WorkloadConfig, During)} with {@code after} before the cutover. */
  static Outcome run(ReplicationFixture fixture, WorkloadConfig config, During during, After after)
      throws Exception {
    Workload workload = new Workload(fixture.client(), config, SpannerRetry.forEmulator().withMaxAttempts(50));
    workload.createAccounts();
    fixture.log("accounts created; workload running: %s", config);
    try (BalanceSampler sampler = new BalanceSampler(fixture.shards(), config.accountsPerShard(),
        config.balancePerShard()).start()) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread background = new Thread(() -> {
        try {
          workload.run();
        } catch (Throwable e) {
          failure.set(e);
        }
      }, "e2e-workload");
      background.start();
      try {
        during.run(workload);
      } finally {
        background.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("the workload failed: " + failure.get(), failure.get());
      }
      fixture.log("workload done: %s", workload.stats());
      after.run();
      return cutOverAndVerify(fixture, sampler, workload.stats());
    }
  }

  /** Cuts over now (writes have stopped) and verifies; the sampler keeps sampling until verified. */
  static Outcome cutOverAndVerify(ReplicationFixture fixture, BalanceSampler sampler,
      WorkloadStats stats) throws Exception {
    Timestamp at = SpannerTime.now(fixture.client());
    CutoverCheck.Outcome cutover = fixture.cutover(at);
    BalanceSampler.Stats balances = sampler.stop();
    VerifyReport report = fixture.verify(at);
    if (report.missing() + report.extra() + report.different() > 0) {
      fixture.log("%s", Postmortem.keep(fixture, at));
    }
    Outcome outcome = new Outcome(at, cutover, report, balances, stats);
    fixture.log("%s", outcome.describe());
    return outcome;
  }

  /** Sleeps {@code seconds} times {@link #SCALE}. */
  static void sleepScaled(double seconds) throws InterruptedException {
    Thread.sleep((long) (seconds * 1000 * SCALE));
  }

  static List<String> shardIds() {
    return ReplicationFixture.SHARD_IDS;
  }
}
