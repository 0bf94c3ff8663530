package dev.rr.launcher.e2e;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.input.Shard;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.check.ConsistentPrefixOracle;
import dev.rr.launcher.check.GeneratorConfig;
import dev.rr.launcher.check.PostMortem;
import dev.rr.launcher.check.PrefixSample;
import dev.rr.launcher.check.PrefixSampler;
import dev.rr.launcher.check.RandomTransactions;
import dev.rr.launcher.status.CutoverCheck;
import dev.rr.launcher.verify.ShardDatabase;
import dev.rr.launcher.verify.ShardDatabases;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.testing.MySqlTestServer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One seed of the differential checker: the sample schema replicated by the real reader and writer
 * while {@link RandomTransactions} writes to Spanner, the {@link PrefixSampler} compares every
 * shard with Spanner at its checkpoint and the balance sampler watches the fast invariant; the seed
 * also picks a fault (none, the reader stopped and resumed, the writer killed and resumed with
 * {@code resumeAll}). Then writes stop, the run is cut over, every shard is sampled once more and
 * Spanner at the cutover is compared with the shards (rows lost or duplicated).
 */
final class DiffRun {
  /** Where mismatched samples are kept. */
  static final Path POSTMORTEM = Paths.get("target", "diff-postmortem");

  /** How one seed ended. */
  record Result(long seed, long samples, long withCheckpoint, long mismatches, long lost,
      long duplicated, int faults, long balanceViolations, boolean cutoverDone,
      AutocommitControl.Result control, String detail) {
    boolean passed() {
      return cutoverDone && mismatches == 0 && lost == 0 && duplicated == 0 && balanceViolations == 0
          && withCheckpoint > 0;
    }

    String line() {
      return "DIFF seed=" + seed + " samples=" + samples + " mismatches=" + mismatches + " lost=" + lost
          + " duplicated=" + duplicated + " faults=" + faults + " (samples with a checkpoint "
          + withCheckpoint + ", balance violations " + balanceViolations + ", cutover "
          + (cutoverDone ? "done" : "NOT done") + ")";
    }
  }

  /** The generator also moves families to another shard, unless {@code -Ddiff.shardMoves=false}. */
  static final boolean SHARD_MOVES =
      Boolean.parseBoolean(System.getProperty("diff.shardMoves", "true"));

  private enum Fault { NONE, READER_STOPPED, WRITER_KILLED }

  private DiffRun() {}

  /**
   * Runs seed {@code seed} for {@code duration} of writes; with {@code control}, the run's buffer
   * then also goes through the {@link AutocommitControl}.
   */
  static Result run(SpannerEnv env, List<MySqlTestServer> servers, Path work, long seed,
      Duration duration, boolean control) throws Exception {
    Fault fault = Fault.values()[new Random(seed).nextInt(Fault.values().length)];
    try (ReplicationFixture fixture = ReplicationFixture.create(env, "diff" + seed, servers, work)) {
      fixture.log("DIFF seed=%d fault=%s duration=%s shardMoves=%s", seed, fault, duration, SHARD_MOVES);
      fixture.preLaunchChecks();
      fixture.startReader(ReaderRunMode.REGULAR);
      fixture.startWriter(WriterRunMode.REGULAR);
      RandomTransactions generator = new RandomTransactions(fixture.client(), ReplicationFixture.SHARD_IDS,
          SpannerRetry.forEmulator().withMaxAttempts(50),
          GeneratorConfig.forEmulator(seed).withShardMoves(SHARD_MOVES));
      generator.createAccounts();
      try (PrefixSampler sampler = new PrefixSampler(oracle(fixture), shardDatabases(fixture), 20).start();
          BalanceSampler balances = new BalanceSampler(fixture.shards(), RandomTransactions.ACCOUNTS,
              RandomTransactions.ACCOUNTS * RandomTransactions.BALANCE).start()) {
        AtomicReference<Exception> faultFailure = new AtomicReference<>();
        Thread faults = new Thread(() -> inject(fixture, fault, faultFailure), "diff-fault");
        faults.start();
        generator.run(duration);
        faults.join();
        if (faultFailure.get() != null) {
          throw faultFailure.get();
        }
        fixture.log("generator done: %s", generator.stats());
        Timestamp at = SpannerTime.now(fixture.client());
        CutoverCheck.Outcome cutover = fixture.cutover(at);
        List<PrefixSample> last = sampler.sampleAll();
        PrefixSampler.Stats stats = sampler.stop();
        BalanceSampler.Stats balance = balances.stop();
        VerifyReport report = fixture.verify(at);
        last.forEach(sample -> fixture.log("final sample %s", sample.summary()));
        String detail = generator.stats() + "; balance examples " + balance.examples();
        if (!stats.mismatched().isEmpty()) {
          Path kept = PostMortem.keep(POSTMORTEM, seed, stats.mismatched());
          stats.mismatched().forEach(s -> fixture.log("MISMATCH %s %s", s.summary(),
              s.differences().stream().limit(5).map(d -> d.describe()).toList()));
          detail += "; post-mortem " + kept.toAbsolutePath() + " and " + Postmortem.keep(fixture, at);
        }
        AutocommitControl.Result controlled = null;
        if (control) {
          controlled = AutocommitControl.run(fixture);
          fixture.log("control (record-by-record autocommit): %d samples, %d mismatches, e.g. %s",
              controlled.samples(), controlled.mismatches(), controlled.examples().stream()
                  .map(s -> s.summary() + " " + s.differences().get(0).describe()).toList());
        }
        Result result = new Result(seed, stats.samples(), stats.withCheckpoint(),
            stats.mismatches() + report.different(), report.missing(), report.extra(),
            fault == Fault.NONE ? 0 : 1, balance.violations(),
            cutover.verdict() == CutoverCheck.Verdict.DONE, controlled, detail);
        fixture.log("%s", result.line());
        return result;
      }
    }
  }

  /** The oracle of {@code fixture}'s run, routing like its reader. */
  static ConsistentPrefixOracle oracle(ReplicationFixture fixture) {
    return new ConsistentPrefixOracle(fixture.client(), fixture.mapping(),
        ShardDatabases.defaultRouter(fixture.mapping(), fixture.shards()), fixture.runId, fixture.start,
        ZoneOffset.UTC);
  }

  /** The fixture's shards, connecting with short timeouts (a killed session must not hold a sample). */
  static List<ShardDatabase> shardDatabases(ReplicationFixture fixture) {
    List<ShardDatabase> databases = new ArrayList<>();
    for (Shard shard : fixture.shards()) {
      databases.add(new ShardDatabase(shard.logicalShardId(), () -> {
        Properties properties = shard.jdbcProperties();
        properties.setProperty("connectTimeout", "1000");
        properties.setProperty("socketTimeout", "10000");
        return DriverManager.getConnection(shard.jdbcUrl(), properties);
      }));
    }
    return databases;
  }

  private static void inject(ReplicationFixture fixture, Fault fault, AtomicReference<Exception> failure) {
    try {
      if (fault == Fault.NONE) {
        return;
      }
      Thread.sleep(4000);
      if (fault == Fault.READER_STOPPED) {
        fixture.stopReaders();
        fixture.log("fault: reader stopped");
        Thread.sleep(3000);
        fixture.startReader(ReaderRunMode.RESUME);
      } else {
        fixture.killWriters(Set.of());
        fixture.log("fault: writer killed");
        Thread.sleep(1000);
        fixture.startWriter(WriterRunMode.RESUME_ALL);
      }
    } catch (Exception e) {
      failure.set(e);
    }
  }
}
