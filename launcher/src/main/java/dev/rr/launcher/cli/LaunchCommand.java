package dev.rr.launcher.cli;

import com.google.cloud.Timestamp;
import dev.rr.common.config.FiltrationMode;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterConfig;
import dev.rr.common.config.WriterRunMode;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.launch.CustomCode;
import dev.rr.launcher.launch.DataflowSettings;
import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.launch.InitialSnapshot;
import dev.rr.launcher.launch.Jobs;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.LaunchRefusedException;
import dev.rr.launcher.launch.Launcher;
import dev.rr.launcher.launch.ReplicationSettings;
import dev.rr.launcher.launch.RunSettings;
import dev.rr.launcher.launch.Runner;
import dev.rr.launcher.spanner.SpannerTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rr launch}: pre-launch checks, then the reader and writer on Dataflow or in-process. */
@Command(
    name = "launch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Check prerequisites, then start the reader and writer (Dataflow or in-process).",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Checks everything a run needs (change stream, metadata database, session and shards "
            + "files, every shard's privileges and checkpoint table), then starts the reader and "
            + "writer: as Dataflow flex templates (printing the gcloud commands and the resume / retry "
            + "/ reprocess commands), or in this process on the DirectRunner.")
public final class LaunchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SpannerOptions spanner;
  @Mixin MetadataOptions metadata;

  @Option(names = "--jobs", defaultValue = "both", description = "both, reader or writer (default: ${DEFAULT-VALUE}).")
  Jobs jobs;

  @Option(names = "--runner", defaultValue = "dataflow", description = "dataflow or direct (default: ${DEFAULT-VALUE}).")
  Runner runner;

  @Option(names = "--runIdentifier", description = "Run key in the metadata (default: the UTC time, e.g. 2024-05-01t10-15-30z).")
  String runIdentifier;

  @Option(names = "--readerRunMode", defaultValue = "regular", converter = NamedOptionConverter.Reader.class,
      description = "regular or resume (default: ${DEFAULT-VALUE}).")
  ReaderRunMode readerRunMode;

  @Option(names = "--writerRunMode", defaultValue = "regular", converter = NamedOptionConverter.Writer.class,
      description = "regular, resume, resumeAll, resumeSuccess, resumeFailed or reprocess (default: ${DEFAULT-VALUE}).")
  WriterRunMode writerRunMode;

  @Option(names = {"--dry-run", "--dryRun"}, description = "Print everything it would create and run; touch nothing.")
  boolean dryRun;

  @Option(names = "--skipPrivilegeCheck", description = "Do not check the shard users' privileges (e.g. granted through roles).")
  boolean skipPrivilegeCheck;

  @Option(names = "--changeStreamName", required = true, description = "Change stream to read (created if missing).")
  String changeStreamName;

  @Option(names = "--startTimestamp", converter = TimestampConverter.class, description = "First commit time replicated, RFC 3339 (default: the launch time, pinned so"
          + " reader, writer and the printed resume commands agree).")
  Timestamp startTimestamp;

  @Option(names = "--initialSnapshot", description = "Before the writer starts, load every shard with Spanner's rows at --startTimestamp (T); the"
          + " shards must be empty. Run again with the same --runIdentifier and --startTimestamp to resume.")
  boolean initialSnapshot;

  @Option(names = "--snapshotChunkRows", defaultValue = "20000", description = "Rows per snapshot chunk, about: one shard transaction each (default: ${DEFAULT-VALUE}).")
  int snapshotChunkRows;

  @Option(names = "--snapshotRowsPerSecond", defaultValue = "2000", description = "Load rate assumed to check the snapshot fits version_retention_period (default: ${DEFAULT-VALUE}).")
  double snapshotRowsPerSecond;

  @Option(names = "--snapshotMaxDuration", converter = DurationConverter.class, description = "Your bound on the snapshot's load time, checked against version_retention_period instead of the estimate.")
  Duration snapshotMaxDuration;

  @Option(names = "--endTimestamp", converter = TimestampConverter.class, description = "Last commit time replicated (default: unbounded).")
  Timestamp endTimestamp;

  @Option(names = "--windowDuration", defaultValue = "10s", converter = DurationConverter.class,
      description = "Width of the buffer's window files, e.g. 2s, 10s, 1m (default: ${DEFAULT-VALUE}).")
  Duration windowDuration;

  @Option(names = "--bufferDirectory", required = true, description = "The buffer: gs://bucket/path or a local directory.")
  String bufferDirectory;

  @Option(names = "--sessionFilePath", description = "Session file of the Spanner migration tool (default: identity mapping).")
  String sessionFilePath;

  @Option(names = "--sourceShardsFilePath", required = true, description = "Shards file (JSON array of shards).")
  String shardsFilePath;

  @Option(names = "--filtrationMode", defaultValue = "forward_migration", converter = NamedOptionConverter.Filtration.class,
      description = "forward_migration or none (default: ${DEFAULT-VALUE}).")
  FiltrationMode filtrationMode;

  @Option(names = "--skipDirectoryName", defaultValue = "skip", description = "Buffer directory for records of unmapped tables (default: ${DEFAULT-VALUE}).")
  String skipDirectoryName;

  @Option(names = "--sourceType", defaultValue = "mysql", converter = NamedOptionConverter.Source.class,
      description = "Type of the shards: mysql or postgresql (default: ${DEFAULT-VALUE}).")
  WriterConfig.SourceType sourceType;

  @Option(names = "--sourceDbTimezoneOffset", description = "Time zone offset of the shards (default: the session file's TimezoneOffset, else +00:00).")
  ZoneOffset sourceTimezone;

  @Option(names = "--shardingCustomJarPath", description = "Jar with a custom ShardIdFetcher.")
  String shardingJar;

  @Option(names = "--shardingCustomClassName", description = "Class name of the custom ShardIdFetcher.")
  String shardingClass;

  @Option(names = "--shardingCustomParameters", description = "Parameters passed to the custom ShardIdFetcher.")
  String shardingParameters;

  @Option(names = "--transformationJarPath", description = "Jar with a custom transformation.")
  String transformationJar;

  @Option(names = "--transformationClassName", description = "Class name of the custom transformation.")
  String transformationClass;

  @Option(names = "--transformationCustomParameters", description = "Parameters passed to the custom transformation.")
  String transformationParameters;

  @Option(names = "--readerParameter", paramLabel = "NAME=VALUE", description = "Further reader pipeline option (repeatable).")
  Map<String, String> readerParameters = new LinkedHashMap<>();

  @Option(names = "--writerParameter", paramLabel = "NAME=VALUE", description = "Further writer pipeline option (repeatable).")
  Map<String, String> writerParameters = new LinkedHashMap<>();

  @Option(names = "--project", description = "Dataflow: project the jobs run in (default: --spannerProjectId).")
  String dataflowProject;

  @Option(names = "--region", description = "Dataflow: region (required with --runner dataflow).")
  String region;

  @Option(names = "--readerTemplate", description = "Dataflow: gs:// path of the reader flex-template spec.")
  String readerTemplate;

  @Option(names = "--writerTemplate", description = "Dataflow: gs:// path of the writer flex-template spec.")
  String writerTemplate;

  @Option(names = "--serviceAccountEmail", description = "Dataflow: worker service account.")
  String serviceAccountEmail;

  @Option(names = "--maxWorkers", description = "Dataflow: maximum workers per job.")
  Integer maxWorkers;

  @Option(names = "--workerMachineType", description = "Dataflow: worker machine type.")
  String workerMachineType;

  @Option(names = "--gcloudArg", description = "Dataflow: further gcloud flag, e.g. --gcloudArg=--network=n (repeatable).")
  List<String> gcloudArgs = new ArrayList<>();

  @Option(names = "--wait", description = "Dataflow: after submitting, wait until every job runs (exit 0) or one"
      + " stops (exit 1, with its error messages).")
  boolean waitForJobs;

  @Option(names = "--waitTimeout", defaultValue = "20m", converter = DurationConverter.class,
      description = "Dataflow: with --wait, how long to wait for the jobs to run (default: ${DEFAULT-VALUE}).")
  Duration waitTimeout;

  private final Clock clock;

  public LaunchCommand() {
    this(Clock.systemUTC());
  }

  LaunchCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    try {
      Launcher launcher = new Launcher(spec.commandLine().getOut(), DirectPipelines.reader(),
          DirectPipelines.writer(), !skipPrivilegeCheck);
      if (initialSnapshot) {
        launcher = launcher.withInitialSnapshot(new InitialSnapshot(snapshotChunkRows,
            snapshotRowsPerSecond, Optional.ofNullable(snapshotMaxDuration)));
      }
      return launcher.launch(toConfig());
    } catch (LaunchRefusedException e) {
      spec.commandLine().getErr().println("rr launch: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCode.USAGE;
    }
  }

  /** The typed, validated launch described by the parsed options. */
  public LaunchConfig toConfig() {
    SpannerTarget source = spanner.toTarget(spec);
    Timestamp start = startTimestamp != null
        ? startTimestamp : Timestamp.ofTimeMicroseconds(clock.millis() * 1000);
    String runId = SpannerOptions.nonBlank(runIdentifier)
        .orElseGet(() -> RunSettings.defaultRunIdentifier(clock.instant()));
    RunSettings run = new RunSettings(jobs, runner, runId, readerRunMode, writerRunMode, dryRun);
    try {
      ReplicationSettings replication = new ReplicationSettings(
          changeStreamName, Optional.of(start), Optional.ofNullable(endTimestamp),
          windowDuration, bufferDirectory, SpannerOptions.nonBlank(sessionFilePath), shardsFilePath,
          filtrationMode, skipDirectoryName, Optional.ofNullable(sourceTimezone), sourceType);
      return new LaunchConfig(run, source, metadata.toTarget(source), replication, customCode(),
          dataflow(source), readerParameters, writerParameters);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private CustomCode customCode() {
    return new CustomCode(
        plugin("--shardingCustomJarPath", shardingJar, "--shardingCustomClassName", shardingClass,
            shardingParameters),
        plugin("--transformationJarPath", transformationJar, "--transformationClassName",
            transformationClass, transformationParameters));
  }

  private Optional<CustomCode.Plugin> plugin(
      String jarOption, String jar, String classOption, String className, String parameters) {
    Optional<String> jarPath = SpannerOptions.nonBlank(jar);
    Optional<String> name = SpannerOptions.nonBlank(className);
    if (jarPath.isPresent() != name.isPresent()) {
      throw new ParameterException(spec.commandLine(),
          jarOption + " and " + classOption + " must be given together");
    }
    return jarPath.map(j -> new CustomCode.Plugin(j, name.get(), SpannerOptions.nonBlank(parameters)));
  }

  private Optional<DataflowSettings> dataflow(SpannerTarget source) {
    if (runner != Runner.DATAFLOW) {
      if (waitForJobs) {
        throw new ParameterException(spec.commandLine(), "--wait applies to --runner dataflow only"
            + " (the direct runner runs in this process and reports its own progress)");
      }
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    if (SpannerOptions.nonBlank(region).isEmpty()) {
      missing.add("--region");
    }
    if (jobs.includesReader() && SpannerOptions.nonBlank(readerTemplate).isEmpty()) {
      missing.add("--readerTemplate");
    }
    if (jobs.includesWriter() && SpannerOptions.nonBlank(writerTemplate).isEmpty()) {
      missing.add("--writerTemplate");
    }
    if (!missing.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "--runner dataflow needs " + String.join(", ", missing));
    }
    return Optional.of(new DataflowSettings(
        SpannerOptions.nonBlank(dataflowProject).orElse(source.projectId()), region.trim(),
        SpannerOptions.nonBlank(readerTemplate).orElse(""),
        SpannerOptions.nonBlank(writerTemplate).orElse(""),
        SpannerOptions.nonBlank(serviceAccountEmail), Optional.ofNullable(maxWorkers),
        SpannerOptions.nonBlank(workerMachineType), gcloudArgs,
        waitForJobs ? Optional.of(waitTimeout) : Optional.empty()));
  }
}
