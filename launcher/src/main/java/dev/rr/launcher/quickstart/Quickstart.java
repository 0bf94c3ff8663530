package dev.rr.launcher.quickstart;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.FiltrationMode;
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
import dev.rr.launcher.launch.CustomCode;
import dev.rr.launcher.launch.FollowUpCommands;
import dev.rr.launcher.launch.Jobs;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.PipelineParameters;
import dev.rr.launcher.launch.PipelineStarter;
import dev.rr.launcher.launch.PreLaunchChecks;
import dev.rr.launcher.launch.ReplicationSettings;
import dev.rr.launcher.launch.RunSettings;
import dev.rr.launcher.launch.Runner;
import dev.rr.launcher.spanner.MetadataTarget;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.launcher.status.CutoverCheck;
import dev.rr.launcher.status.CutoverWaiter;
import dev.rr.launcher.status.ProgressLine;
import dev.rr.launcher.status.MetadataRunStateSource;
import dev.rr.launcher.status.RunStateSource;
import dev.rr.launcher.verify.ShardDatabases;
import dev.rr.launcher.verify.Verifier;
import dev.rr.launcher.verify.VerifyConfig;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.launcher.workload.Workload;
import dev.rr.launcher.workload.WorkloadConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code rr quickstart}: sets up local services and the sharded sample, replicates a live
 * workload through the real reader and writer on the DirectRunner, then cuts over and verifies.
 * Everything it starts is stopped before it returns.
 */
public final class Quickstart {
  /** What the quickstart ended with. */
  public record Result(CutoverCheck.Outcome cutover, Optional<VerifyReport> verify,
      Map<String, Long> balances, long expectedBalance, Duration elapsed) {
    /** True when cutover completed, verify found no difference and every balance is invariant. */
    public boolean passed() {
      return cutover.verdict() == CutoverCheck.Verdict.DONE
          && verify.map(VerifyReport::equal).orElse(false)
          && balances.values().stream().allMatch(b -> b == expectedBalance);
    }
  }

  /** How often the progress line is printed when the output is not a terminal. */
  private static final Duration QUICKSTART_LOG_PERIOD = Duration.ofSeconds(5);

  /**
   * What happens after the result, while services and pipelines still run ({@code --keep}):
   * given the ready-to-run {@code rr status}, {@code rr cutover} and {@code rr verify} lines for
   * them; everything stops when it returns.
   */
  @FunctionalInterface
  public interface Hold {
    void hold(List<String> commands) throws InterruptedException;

    /** Stop at once (the default). */
    Hold NONE = commands -> { };
  }

  private final QuickstartSettings settings;
  private final PipelineStarter reader;
  private final PipelineStarter writer;
  private final PrintWriter out;
  private final Hold hold;

  public Quickstart(QuickstartSettings settings, PipelineStarter reader, PipelineStarter writer,
      PrintWriter out) {
    this(settings, reader, writer, out, Hold.NONE);
  }

  /** A quickstart that runs {@code hold} before stopping anything. */
  public Quickstart(QuickstartSettings settings, PipelineStarter reader, PipelineStarter writer,
      PrintWriter out, Hold hold) {
    this.settings = settings;
    this.reader = reader;
    this.writer = writer;
    this.out = out;
    this.hold = hold;
  }

  /** Runs the whole quickstart. */
  public Result run() throws Exception {
    Instant started = Instant.now();
    Path workDir = settings.workDir().toAbsolutePath();
    wipe(workDir);
    Files.createDirectories(workDir.resolve("buffer"));
    out.printf("rr quickstart in %s%nservices:%n", workDir);
    List<String> shardIds = SampleSetup.shardIds(settings.shards());
    try (QuickstartServices services = QuickstartServices.start(settings, workDir.resolve("mariadb"), out);
        Spanner spanner = SpannerEmulator.connect(services.emulatorHost(), QuickstartServices.PROJECT)) {
      SampleSetup.createSpanner(spanner);
      SampleSetup.createShards(services.shardServer(), shardIds);
      Path session = SampleSetup.writeSession(workDir);
      Path shardsFile = SampleSetup.writeShards(workDir, services.shardServer(), shardIds);
      out.printf("sample: Spanner database %s (5 tables, change stream %s), %d %s shard database(s),"
          + " %s, %s%n", SampleSetup.DATABASE, SampleSetup.CHANGE_STREAM, shardIds.size(),
          services.shardServer().databaseName(), session, shardsFile);
      LaunchConfig config = launchConfig(services.emulatorHost(), workDir, session, shardsFile);
      out.println("checks:");
      new PreLaunchChecks(spanner, out, true).run(config);
      return replicate(spanner, config, shardIds, started);
    }
  }

  private Result replicate(Spanner spanner, LaunchConfig config, List<String> shardIds, Instant started)
      throws Exception {
    MetadataStore store = SpannerClients.metadata(spanner, config.metadata());
    RunStateSource states = new MetadataRunStateSource(
        store.fileCreateProgress(), store.fileProcessProgress(), Clock.systemUTC());
    String runId = config.run().runIdentifier();
    DatabaseClient source = spanner.getDatabaseClient(SpannerClients.databaseId(config.source()));
    List<PipelineResult> pipelines = new ArrayList<>();
    try {
      out.printf("run %s: starting reader and writer (DirectRunner, %s windows)%n", runId,
          settings.windowDuration().toMillis() / 1000.0 + "s");
      pipelines.add(reader.start(PipelineParameters.reader(config)));
      pipelines.add(writer.start(PipelineParameters.writer(config)));
      WorkloadConfig workloadConfig = WorkloadConfig.ofDuration(
          settings.seed(), shardIds, settings.duration(), settings.transactionsPerSecond());
      // The emulator runs one read-write transaction at a time: retry what it rejects meanwhile.
      Workload workload = new Workload(source, workloadConfig, SpannerRetry.forEmulator().withMaxAttempts(50));
      out.printf("workload: %s at %d tx/s, seed %d%n", settings.duration(), settings.transactionsPerSecond(),
          settings.seed());
      try (ProgressLine progress = new ProgressLine(out, states, runId,
          () -> String.format("written %d rows in %d tx", workload.stats().rowsWritten(),
              workload.stats().transactions()), QUICKSTART_LOG_PERIOD)) {
        workload.createAccounts();
        workload.run();
      }
      out.printf("workload done: %s%n", workload.stats());
      Timestamp at = SpannerTime.now(source);
      out.printf("cutover at %s (writes stopped)%n", at);
      CutoverCheck.Outcome cutover = new CutoverWaiter(states, Clock.systemUTC(),
          d -> Thread.sleep(d.toMillis()), out).await(runId, at, settings.cutoverTimeout(), Duration.ofSeconds(1));
      out.printf("cutover: %s%s%n", cutover.verdict(),
          cutover.reasons().isEmpty() ? "" : " " + String.join("; ", cutover.reasons()));
      SourceType target = config.replication().sourceType();
      List<Shard> shards = ShardsFile.load(config.replication().shardsFile(), SecretResolver.none(), target);
      Optional<VerifyReport> report = Optional.empty();
      if (cutover.verdict() == CutoverCheck.Verdict.DONE) {
        SchemaMapping mapping = SessionFile.load(config.replication().sessionFile().orElseThrow());
        report = Optional.of(new Verifier(source, mapping,
            ShardDatabases.defaultRouter(mapping, shards), ShardDatabases.of(shards),
            VerifyConfig.at(at), target).verify(line -> { }));
        report.get().print(out);
      }
      Map<String, Long> balances = Balances.perShard(shards);
      out.printf("balances per shard: %s (each must be %d)%n", balances, workloadConfig.balancePerShard());
      Result result = new Result(cutover, report, balances, workloadConfig.balancePerShard(),
          Duration.between(started, Instant.now()));
      out.printf("%s in %ds%n", result.passed() ? "QUICKSTART PASSED" : "QUICKSTART FAILED",
          result.elapsed().toSeconds());
      out.flush();
      hold.hold(List.of(FollowUpCommands.status(config), FollowUpCommands.cutover(config),
          FollowUpCommands.verify(config)));
      return result;
    } finally {
      for (PipelineResult pipeline : pipelines) {
        stopQuietly(pipeline);
      }
    }
  }

  private LaunchConfig launchConfig(String emulatorHost, Path workDir, Path session, Path shards) {
    return launchConfig(emulatorHost, workDir, session, shards, settings.windowDuration(),
        "quickstart-" + RunSettings.defaultRunIdentifier(Instant.now()), settings.target());
  }

  /**
   * Both pipelines on the DirectRunner against the local sample on shards of {@code target}, in
   * regular mode, starting now.
   */
  static LaunchConfig launchConfig(String emulatorHost, Path workDir, Path session, Path shards,
      Duration window, String runId, SourceType target) {
    SpannerTarget source = new SpannerTarget(QuickstartServices.PROJECT, QuickstartServices.INSTANCE,
        SampleSetup.DATABASE, Optional.empty(), Optional.of(emulatorHost));
    MetadataTarget metadata = new MetadataTarget(
        source.withDatabase(QuickstartServices.INSTANCE, SampleSetup.METADATA_DATABASE), Optional.empty());
    ReplicationSettings replication = new ReplicationSettings(SampleSetup.CHANGE_STREAM,
        Optional.of(Timestamp.now()), Optional.empty(), window,
        workDir.resolve("buffer").toString(), Optional.of(session.toString()), shards.toString(),
        FiltrationMode.FORWARD_MIGRATION, "skip", Optional.of(ZoneOffset.UTC), target);
    return new LaunchConfig(new RunSettings(Jobs.BOTH, Runner.DIRECT, runId, ReaderRunMode.REGULAR, WriterRunMode.REGULAR, false),
        source, metadata, replication, CustomCode.none(), Optional.empty(), Map.of(), Map.of());
  }

  static void stopQuietly(PipelineResult pipeline) {
    try {
      pipeline.cancel();
      pipeline.waitUntilFinish(org.joda.time.Duration.standardSeconds(30));
    } catch (IOException | RuntimeException e) {
      // The pipeline is being torn down; its failure after cancel changes nothing.
    }
  }

  /** Deletes {@code dir} and everything in it. */
  static void wipe(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
