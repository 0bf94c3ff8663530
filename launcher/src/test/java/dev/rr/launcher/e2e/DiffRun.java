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

  private DiffRun() {}

  /**
   * Runs seed {@code seed} for {@code duration} of writes; with {@code control}, the run's buffer
   * then also goes through the {@link AutocommitControl}.
   */
  static Result run(SpannerEnv env, List<MySqlTestServer> servers, Path work, long seed,
      Duration duration, boolean control) throws Exception {
    return run(env, servers, work, seed, duration, control, EnvironmentFault.NONE);
  }

  /**
   * As {@link #run(SpannerEnv, List, Path, long, Duration, boolean)}, with {@code environmentFault}
   * done first, then the seed's own faults, while the generator writes.
   */
  static Result run(SpannerEnv env, List<MySqlTestServer> servers, Path work, long seed,
      Duration duration, boolean control, EnvironmentFault environmentFault) throws Exception {
    RandomSchema schema = RandomSchema.generate(seed);
    List<DiffFaults.Fault> plan = DiffFaults.plan(seed);
    ReplicationFixture.Schema tables = new ReplicationFixture.Schema(SchemaSession.json(schema),
        SchemaDdl.spanner(schema), SchemaDdl.mysql(schema));
    try (ReplicationFixture fixture = ReplicationFixture.create(env, "diff" + seed, servers, work, tables)) {
      fixture.log("DIFF seed=%d faults=%s duration=%s shardMoves=%s; %s", seed, plan, duration,
          SHARD_MOVES, schema.describe());
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
            environmentFaults[0] = environmentFault.inject(fixture);
            faults.set(DiffFaults.inject(fixture, generator, plan));
          } catch (Exception e) {
            faultFailure.set(e);
          }
        }, "diff-fault");
        faulter.start();
        generator.run(duration);
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
        if (control) {
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
}
