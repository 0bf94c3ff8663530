package dev.rr.launcher.quickstart;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.input.SecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.check.ConsistentPrefixOracle;
import dev.rr.launcher.check.GeneratorConfig;
import dev.rr.launcher.check.PostMortem;
import dev.rr.launcher.check.PrefixSampler;
import dev.rr.launcher.check.RandomSchema;
import dev.rr.launcher.check.RandomTransactions;
import dev.rr.launcher.check.SchemaDdl;
import dev.rr.launcher.check.SchemaSession;
import dev.rr.launcher.check.SchemaTransactions;
import dev.rr.launcher.check.TransactionSource;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.PipelineParameters;
import dev.rr.launcher.launch.PipelineStarter;
import dev.rr.launcher.launch.PreLaunchChecks;
import dev.rr.launcher.launch.RunSettings;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.status.CutoverCheck;
import dev.rr.launcher.status.CutoverWaiter;
import dev.rr.launcher.status.MetadataRunStateSource;
import dev.rr.launcher.verify.RowRouter;
import dev.rr.launcher.verify.ShardDatabases;
import dev.rr.launcher.verify.Verifier;
import dev.rr.launcher.verify.VerifyConfig;
import dev.rr.launcher.verify.VerifyReport;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code rr check}: the randomized differential checker on the quickstart's local services. For
 * each seed, the sample (or the seed's {@link RandomSchema}) is created afresh, the reader and writer run while {@link
 * RandomTransactions} writes and the {@link PrefixSampler} compares every shard with Spanner at
 * its checkpoint; then the run is cut over and verified. Prints a progress line, one {@code DIFF}
 * line per seed and a {@code DIFF TOTAL} line. Everything it starts is stopped before it returns.
 */
public final class LocalCheck {
  /** How a seed ended. */
  public record SeedResult(long seed, long samples, long mismatches, long lost, long duplicated,
      int faults, boolean cutoverDone) {
    public boolean passed() {
      return cutoverDone && mismatches == 0 && lost == 0 && duplicated == 0;
    }

    String line() {
      return "DIFF seed=" + seed + " samples=" + samples + " mismatches=" + mismatches + " lost=" + lost
          + " duplicated=" + duplicated + " faults=" + faults + (cutoverDone ? "" : " (cutover NOT done)");
    }
  }

  private final CheckSettings settings;
  private final PipelineStarter reader;
  private final PipelineStarter writer;
  private final PrintWriter out;

  public LocalCheck(CheckSettings settings, PipelineStarter reader, PipelineStarter writer, PrintWriter out) {
    this.settings = settings;
    this.reader = reader;
    this.writer = writer;
    this.out = out;
  }

  /** Runs every seed; returns their results in order. */
  public List<SeedResult> run() throws Exception {
    Path workDir = settings.workDir().toAbsolutePath();
    Quickstart.wipe(workDir);
    Files.createDirectories(workDir);
    out.printf("rr check in %s: %d seed(s) from %d, %s of writes each%s%nservices:%n", workDir,
        settings.seeds(), settings.firstSeed(), settings.duration(), settings.faults() ? ", with faults" : "");
    List<SeedResult> results = new ArrayList<>();
    try (QuickstartServices services = QuickstartServices.start(settings.services(), workDir.resolve("mariadb"), out);
        Spanner spanner = SpannerEmulator.connect(services.emulatorHost(), QuickstartServices.PROJECT)) {
      for (int i = 0; i < settings.seeds(); i++) {
        long seed = settings.firstSeed() + i;
        results.add(runSeed(services, spanner, seed, workDir.resolve("seed-" + seed)));
        out.println(results.get(results.size() - 1).line());
        out.flush();
      }
    }
    out.println("DIFF TOTAL seeds=" + results.size()
        + " samples=" + results.stream().mapToLong(SeedResult::samples).sum()
        + " mismatches=" + results.stream().mapToLong(SeedResult::mismatches).sum()
        + " lost=" + results.stream().mapToLong(SeedResult::lost).sum()
        + " duplicated=" + results.stream().mapToLong(SeedResult::duplicated).sum()
        + " faults=" + results.stream().mapToLong(SeedResult::faults).sum());
    out.flush();
    return results;
  }

  /** A seed's sample, created afresh, and the launch that replicates it. */
  private record Sample(LaunchConfig config, DatabaseClient source, List<String> shardIds,
      List<Shard> shards, SchemaMapping mapping, RowRouter router, MetadataRunStateSource states) {}

  private Sample createSample(QuickstartServices services, Spanner spanner, long seed, Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("buffer"));
    List<String> shardIds = SampleSetup.shardIds(settings.shards());
    Path session;
    if (settings.session().isPresent()) {
      RandomSchema schema = schema(seed);
      out.println(schema.describe(settings.session().get().file().toString()));
      SampleSetup.createSpanner(spanner, SchemaDdl.spanner(schema));
      SampleSetup.createShards(services.shardServer(), shardIds, SchemaDdl.mysql(schema));
      session = SampleSetup.writeSession(dir, settings.session().get().json());
    } else if (settings.schema() == CheckSchema.RANDOM) {
      RandomSchema schema = schema(seed);
      out.println(schema.describe());
      SampleSetup.createSpanner(spanner, SchemaDdl.spanner(schema));
      SampleSetup.createShards(services.shardServer(), shardIds,
          settings.target() == SourceType.POSTGRESQL ? SchemaDdl.postgres(schema) : SchemaDdl.mysql(schema));
      session = SampleSetup.writeSession(dir, SchemaSession.json(schema));
    } else {
      SampleSetup.createSpanner(spanner);
      SampleSetup.createShards(services.shardServer(), shardIds);
      session = SampleSetup.writeSession(dir);
    }
    Path shardsFile = SampleSetup.writeShards(dir, services.shardServer(), shardIds);
    String runId = "check-" + seed + "-" + RunSettings.defaultRunIdentifier(Instant.now());
    LaunchConfig config = Quickstart.launchConfig(services.emulatorHost(), dir, session, shardsFile,
        CheckSettings.WINDOW, runId, services.shardServer().type());
    new PreLaunchChecks(spanner, new PrintWriter(Writer.nullWriter()), true).run(config);
    out.printf("seed %d: run %s, buffer %s%n", seed, runId, dir.resolve("buffer"));
    List<Shard> shards = ShardsFile.load(shardsFile.toString(), SecretResolver.none(),
        settings.target());
    SchemaMapping mapping = SessionFile.load(session.toString());
    MetadataStore store = SpannerClients.metadata(spanner, config.metadata());
    return new Sample(config, spanner.getDatabaseClient(SpannerClients.databaseId(config.source())),
        shardIds, shards, mapping, ShardDatabases.defaultRouter(mapping, shards),
        new MetadataRunStateSource(store.fileCreateProgress(), store.fileProcessProgress(), Clock.systemUTC()));
  }

  private SeedResult runSeed(QuickstartServices services, Spanner spanner, long seed, Path dir) throws Exception {
    Sample sample = createSample(services, spanner, seed, dir);
    String runId = sample.config().run().runIdentifier();
    List<PipelineResult> pipelines = new ArrayList<>();
    try {
      pipelines.add(reader.start(PipelineParameters.reader(sample.config())));
      pipelines.add(writer.start(PipelineParameters.writer(sample.config())));
      TransactionSource generator = generator(sample, seed);
      ConsistentPrefixOracle oracle = new ConsistentPrefixOracle(sample.source(), sample.mapping(),
          sample.router(), runId, sample.config().replication().startTimestamp().orElseThrow(), ZoneOffset.UTC,
          settings.target());
      try (PrefixSampler sampler = new PrefixSampler(oracle, ShardDatabases.of(sample.shards()), 20).start();
          CheckProgress progress = new CheckProgress(out, seed, generator.stats(), sampler)) {
        int faults = writeWithFault(generator, sample.config(), pipelines, seed);
        Timestamp at = SpannerTime.now(sample.source());
        CutoverCheck.Outcome cutover = new CutoverWaiter(sample.states(), Clock.systemUTC(),
            d -> Thread.sleep(d.toMillis()), new PrintWriter(Writer.nullWriter()))
            .await(runId, at, settings.cutoverTimeout(), Duration.ofSeconds(1));
        sampler.sampleAll();
        PrefixSampler.Stats stats = sampler.stop();
        VerifyReport report = new Verifier(sample.source(), sample.mapping(), sample.router(),
            ShardDatabases.of(sample.shards()), VerifyConfig.at(at), settings.target())
            .verify(line -> { });
        progress.close();
        out.printf("seed %d: %s; cutover %s%n", seed, generator.stats(), cutover.verdict());
        if (!stats.mismatched().isEmpty()) {
          out.printf("seed %d: mismatches kept in %s%n", seed,
              PostMortem.keep(settings.workDir().resolve("postmortem"), seed, stats.mismatched()));
        }
        return new SeedResult(seed, stats.samples(), stats.mismatches() + report.different(),
            report.missing(), report.extra(), faults, cutover.verdict() == CutoverCheck.Verdict.DONE);
      }
    } finally {
      pipelines.forEach(Quickstart::stopQuietly);
    }
  }

  /** The seed's writer: over the operator's or its random schema, or over the sample (its accounts created first). */
  private TransactionSource generator(Sample sample, long seed) {
    SpannerRetry retry = SpannerRetry.forEmulator().withMaxAttempts(50);
    GeneratorConfig config = GeneratorConfig.forEmulator(seed).withShardMoves(settings.shardMoves());
    if (settings.session().isPresent() || settings.schema() == CheckSchema.RANDOM) {
      return new SchemaTransactions(sample.source(), schema(seed), sample.shardIds(), retry, config);
    }
    RandomTransactions transactions = new RandomTransactions(sample.source(), sample.shardIds(), retry, config);
    transactions.createAccounts();
    return transactions;
  }

  /** The seed's schema: the operator's session's tables, or the seed's random schema. */
  private RandomSchema schema(long seed) {
    return settings.session().map(s -> RandomSchema.of(seed, s.tables())).orElseGet(() -> RandomSchema.generate(seed));
  }

  /**
   * Writes for the seed's duration; with faults, a third of the way in the seed's fault happens:
   * for an odd seed the reader is cancelled and, a third later, relaunched with {@code resume};
   * for an even seed the writer, relaunched with {@code resumeAll}. Returns the number of faults.
   */
  private int writeWithFault(TransactionSource generator, LaunchConfig config, List<PipelineResult> pipelines,
      long seed) throws Exception {
    if (!settings.faults()) {
      generator.run(settings.duration());
      return 0;
    }
    Duration third = settings.duration().dividedBy(3);
    generator.run(third);
    boolean readerFault = seed % 2 != 0;
    int index = readerFault ? 0 : 1;
    Quickstart.stopQuietly(pipelines.get(index));
    out.printf("seed %d: fault: %s stopped%n", seed, readerFault ? "reader" : "writer");
    generator.run(third);
    RunSettings run = config.run();
    LaunchConfig resumed = config.withRun(new RunSettings(run.jobs(), run.runner(), run.runIdentifier(),
        readerFault ? ReaderRunMode.RESUME : run.readerRunMode(),
        readerFault ? run.writerRunMode() : WriterRunMode.RESUME_ALL, run.dryRun()));
    pipelines.set(index, readerFault ? reader.start(PipelineParameters.reader(resumed))
        : writer.start(PipelineParameters.writer(resumed)));
    out.printf("seed %d: %s resumed%n", seed, readerFault ? "reader" : "writer");
    generator.run(settings.duration().minus(third).minus(third));
    return 1;
  }
}
