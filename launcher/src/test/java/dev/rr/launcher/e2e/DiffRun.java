package dev.rr.launcher.e2e;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.input.Shard;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.check.ConsistentPrefixOracle;
import dev.rr.launcher.check.GeneratorConfig;
import dev.rr.launcher.check.PostMortem;
import dev.rr.launcher.check.PrefixSample;
import dev.rr.launcher.check.PrefixSampler;
import dev.rr.launcher.check.RandomSchema;
import dev.rr.launcher.check.SchemaDdl;
import dev.rr.launcher.check.SchemaSession;
import dev.rr.launcher.check.SchemaTransactions;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * One seed of the differential checker: the seed's {@link RandomSchema} (printed with the seed)
 * replicated by the real reader and writer while {@link SchemaTransactions} writes to Spanner and
 * the {@link PrefixSampler} compares every shard with Spanner at its checkpoint, through the
 * session's renamed tables and columns; meanwhile the seed's faults ({@link DiffFaults}) are done.
 * Then writes stop, the run is cut over, every shard is sampled once more and Spanner at the
 * cutover is compared with the shards (rows lost or duplicated).
 */
final class DiffRun {
  /** Where mismatched samples are kept. */
  static final Path POSTMORTEM = Paths.get("target", "diff-postmortem");

  /** How one seed ended. */
  record Result(long seed, long samples, long withCheckpoint, long mismatches, long lost,
      long duplicated, int faults, boolean cutoverDone, AutocommitControl.Result control,
      String detail) {
    boolean passed() {
      return cutoverDone && mismatches == 0 && lost == 0 && duplicated == 0 && withCheckpoint > 0;
    }

    String line() {
      return "DIFF seed=" + seed + " samples=" + samples + " mismatches=" + mismatches + " lost=" + lost
          + " duplicated=" + duplicated + " faults=" + faults + " (samples with a checkpoint "
          + withCheckpoint + ", cutover " + (cutoverDone ? "done" : "NOT done") + ")";
    }
  }

  /** The generator also moves families to another shard, unless {@code -Ddiff.shardMoves=false}. */
  static final boolean SHARD_MOVES =
      Boolean.parseBoolean(System.getProperty("diff.shardMoves", "true"));

  /** A fault done to the run's environment (its emulator, its change-stream metadata) as it writes. */
  @FunctionalInterface
  interface EnvironmentFault {
    /** Does the fault; returns how many faults it did. */
    int inject(ReplicationFixture fixture) throws Exception;

    EnvironmentFault NONE = fixture -> 0;
  }

  /**
   * What a seed's run does besides writing: {@code environment} first, then {@code faults} (in
   * order, as {@link DiffFaults#inject} does them); with {@code control}, the run's buffer then
   * also goes through the {@link AutocommitControl} (MySQL shards only).
   */
  record Plan(List<DiffFaults.Fault> faults, EnvironmentFault environment, boolean control) {
    Plan {
      faults = List.copyOf(faults);
    }

    /** No fault: a correct run, and the {@link AutocommitControl} on its buffer. */
    static Plan noFaultsWithControl() {
      return new Plan(List.of(), EnvironmentFault.NONE, true);
    }
  }

  private DiffRun() {}

  /** Runs seed {@code seed} on MySQL {@code servers} for {@code duration} of writes, as {@code plan} says. */
  static Result run(SpannerEnv env, List<MySqlTestServer> servers, Path work, long seed,
      Duration duration, Plan plan) throws Exception {
    return run(env, new MySqlShardServers(servers), work, seed, duration, plan);
  }

  /**
   * Runs seed {@code seed} on the shards of {@code shardServers} (MySQL or PostgreSQL) for {@code
   * duration} of writes: {@code plan}'s environment fault first, then its faults, while the
   * generator writes.
   */
  static Result run(SpannerEnv env, ShardServers shardServers, Path work, long seed,
      Duration duration, Plan plan) throws Exception {
    if (plan.control() && shardServers.type() != SourceType.MYSQL) {
      throw new IllegalArgumentException("the autocommit control runs on MySQL shards only");
    }
    RandomSchema schema = RandomSchema.generate(seed);
    ReplicationFixture.Schema tables = new ReplicationFixture.Schema(SchemaSession.json(schema),
        SchemaDdl.spanner(schema), SchemaDdl.mysql(schema), SchemaDdl.postgres(schema));
    try (ReplicationFixture fixture = ReplicationFixture.create(env, "diff" + seed, shardServers, work, tables)) {
      fixture.log("DIFF seed=%d target=%s faults=%s duration=%s shardMoves=%s; %s", seed,
          shardServers.type().optionName(), plan.faults(), duration, SHARD_MOVES, schema.describe());
      fixture.preLaunchChecks();
      fixture.startReader(ReaderRunMode.REGULAR);
      fixture.startWriter(WriterRunMode.REGULAR);
      SchemaTransactions generator = new SchemaTransactions(fixture.client(), schema,
          ReplicationFixture.SHARD_IDS, SpannerRetry.forEmulator().withMaxAttempts(50),
          GeneratorConfig.forEmulator(seed).withShardMoves(SHARD_MOVES));
      try (PrefixSampler sampler = new PrefixSampler(oracle(fixture), shardDatabases(fixture), 20).start()) {
        AtomicReference<Exception> faultFailure = new AtomicReference<>();
        AtomicReference<DiffFaults.Injected> faults = new AtomicReference<>();
        int[] environmentFaults = new int[1];
        Thread faulter = new Thread(() -> {
          try {
            environmentFaults[0] = plan.environment().inject(fixture);
            faults.set(DiffFaults.inject(fixture, generator, plan.faults()));
          } catch (Exception e) {
            faultFailure.set(e);
          }
        }, "diff-fault");
        faulter.start();
        generator.run(duration);
        // A trickle of writes (about 2 transactions a second) until the faults are done, so that
        // every fault meets a replication with something to apply, without a long catch-up after.
        while (faulter.isAlive()) {
          generator.runTransactions(1);
          Thread.sleep(500);
        }
        faulter.join();
        if (faultFailure.get() != null) {
          throw faultFailure.get();
        }
        fixture.log("generator done: %s", generator.stats());
        Timestamp at = SpannerTime.now(fixture.client());
        if (faults.get().planted().isPresent()) {
          DiffFaults.repair(fixture, faults.get().planted().get());
        }
        CutoverCheck.Outcome cutover = fixture.cutover(at);
        List<PrefixSample> last = sampler.sampleAll();
        PrefixSampler.Stats stats = sampler.stop();
        VerifyReport report = fixture.verify(at);
        last.forEach(sample -> fixture.log("final sample %s", sample.summary()));
        String detail = generator.stats() + "; " + schema.describe();
        if (!stats.mismatched().isEmpty()) {
          Path kept = PostMortem.keep(POSTMORTEM, seed, stats.mismatched());
          stats.mismatched().forEach(s -> fixture.log("MISMATCH %s %s", s.summary(),
              s.differences().stream().limit(5).map(d -> d.describe()).toList()));
          detail += "; post-mortem " + kept.toAbsolutePath() + " and " + Postmortem.keep(fixture, at);
        }
        AutocommitControl.Result controlled = null;
        if (plan.control()) {
          controlled = AutocommitControl.run(fixture);
          fixture.log("control (record-by-record autocommit): %d samples, %d mismatches, e.g. %s",
              controlled.samples(), controlled.mismatches(), controlled.examples().stream()
                  .map(s -> s.summary() + " " + s.differences().get(0).describe()).toList());
        }
        Result result = new Result(seed, stats.samples(), stats.withCheckpoint(),
            stats.mismatches() + report.different(), report.missing(), report.extra(), environmentFaults[0] + faults.get().count(),
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
        ZoneOffset.UTC, fixture.shardServers.type());
  }

  /** The fixture's shards, connecting with short timeouts (a killed session must not hold a sample). */
  static List<ShardDatabase> shardDatabases(ReplicationFixture fixture) {
    List<ShardDatabase> databases = new ArrayList<>();
    for (Shard shard : fixture.shards()) {
      databases.add(new ShardDatabase(shard.logicalShardId(), () -> {
        Properties properties = shard.jdbcProperties();
        fixture.shardServers.shortTimeouts(properties);
        return DriverManager.getConnection(shard.jdbcUrl(), properties);
      }));
    }
    return databases;
  }
}
