package dev.rr.launcher.launch;

import com.google.cloud.spanner.Spanner;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.status.MetadataRunStateSource;
import dev.rr.launcher.status.ProgressLine;
import dev.rr.launcher.status.RunState;
import dev.rr.launcher.status.RunStateSource;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.writer.snapshot.beam.SnapshotRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.PipelineResult;

/** Carries out {@code rr launch}: dry run, or checks then Dataflow jobs or in-process pipelines. */
public final class Launcher {
  /** How often an in-process run prints its progress line when the output is not a terminal. */
  static final Duration LAUNCH_LOG_PERIOD = Duration.ofSeconds(30);

  private final PrintWriter out;
  private final PipelineStarter reader;
  private final PipelineStarter writer;
  private final boolean checkPrivileges;
  private final ProcessRunner gcloud;
  private final Optional<InitialSnapshot> snapshot;

  public Launcher(PrintWriter out, PipelineStarter reader, PipelineStarter writer, boolean checkPrivileges) {
    this(out, reader, writer, checkPrivileges, ProcessRunner.system());
  }

  /** A launcher that runs {@code gcloud} through {@code gcloud} (a fake in tests). */
  public Launcher(PrintWriter out, PipelineStarter reader, PipelineStarter writer,
      boolean checkPrivileges, ProcessRunner gcloud) {
    this(out, reader, writer, checkPrivileges, gcloud, Optional.empty());
  }

  private Launcher(PrintWriter out, PipelineStarter reader, PipelineStarter writer,
      boolean checkPrivileges, ProcessRunner gcloud, Optional<InitialSnapshot> snapshot) {
    this.out = out;
    this.reader = reader;
    this.writer = writer;
    this.checkPrivileges = checkPrivileges;
    this.gcloud = gcloud;
    this.snapshot = snapshot;
  }

  /** The same launcher, loading every shard with {@code initial} before the writer starts. */
  public Launcher withInitialSnapshot(InitialSnapshot initial) {
    return new Launcher(out, reader, writer, checkPrivileges, gcloud, Optional.of(initial));
  }

  /**
   * Runs the launch and returns the process exit code.
   *
   * @throws LaunchRefusedException before printing or touching anything, when the options or
   *     input files are invalid (a dry run checks all it can without a service)
   */
  public int launch(LaunchConfig config) throws Exception {
    List<String> problems = new ArrayList<>(LaunchValidation.problems(config, !config.run().dryRun()));
    snapshot.ifPresent(s -> problems.addAll(InitialSnapshot.problems(config)));
    if (!problems.isEmpty()) {
      throw new LaunchRefusedException(problems);
    }
    LaunchPlan plan = new LaunchPlan(config);
    if (config.run().dryRun()) {
      plan.printDryRun(out);
      List<String> mismatches = DryRunSchemaCheck.run(config, out);
      out.flush();
      return mismatches.isEmpty() ? ExitCode.OK : ExitCode.USAGE;
    }
    out.printf("rr launch: run %s%nchecks:%n", config.run().runIdentifier());
    SnapshotRun prepared = null;
    try (Spanner spanner = SpannerClients.open(config.source())) {
      new PreLaunchChecks(spanner, out, checkPrivileges).run(config);
      if (snapshot.isPresent()) {
        prepared = snapshot.get().prepare(spanner, config, out);
      }
    } catch (PreLaunchChecks.SchemaMismatchesException e) {
      // Listed above; the inputs do not fit the shards, as a wrong option would not.
      out.println("launch refused: fix the shards' schemas or the session file, then launch again");
      out.flush();
      return ExitCode.USAGE;
    }
    out.println();
    plan.printCommands(out);
    if (config.dataflow().isPresent()) {
      return submitToDataflow(config, config.dataflow().get(), plan);
    }
    plan.printFollowUps(out);
    out.flush();
    return runInProcess(config, prepared);
  }

  /**
   * Starts the pipelines on the DirectRunner, prints a live progress line (the quickstart's)
   * while they run, and blocks until they end (or the JVM stops); with {@code snapshot}, the
   * writer starts once it has loaded every shard.
   */
  private int runInProcess(LaunchConfig config, SnapshotRun snapshot) throws Exception {
    List<PipelineResult> running = new ArrayList<>();
    if (config.run().jobs().includesReader()) {
      running.add(reader.start(PipelineParameters.reader(config)));
    }
    if (snapshot != null) {
      try {
        InitialSnapshot.load(snapshot);
      } catch (Exception e) {
        running.forEach(Launcher::cancelQuietly);
        throw e;
      }
    }
    if (config.run().jobs().includesWriter()) {
      running.add(writer.start(PipelineParameters.writer(config)));
    }
    Thread cancel = new Thread(() -> running.forEach(Launcher::cancelQuietly), "rr-cancel-pipelines");
    Runtime.getRuntime().addShutdownHook(cancel);
    out.println("pipelines running in this process; Ctrl-C stops them (resume with the command above)");
    out.flush();
    try (Spanner spanner = SpannerClients.open(config.source());
        ProgressLine progress = new ProgressLine(out, states(spanner, config),
            config.run().runIdentifier(), () -> "", LAUNCH_LOG_PERIOD)) {
      for (PipelineResult result : running) {
        result.waitUntilFinish();
      }
    }
    Runtime.getRuntime().removeShutdownHook(cancel);
    return config.run().jobs().includesWriter() ? writerOutcome(config) : ExitCode.OK;
  }

  private static RunStateSource states(Spanner spanner, LaunchConfig config) {
    MetadataStore store = SpannerClients.metadata(spanner, config.metadata());
    return new MetadataRunStateSource(
        store.fileCreateProgress(), store.fileProcessProgress(), Clock.systemUTC());
  }

  /** Reads the writer's progress rows once the pipelines ended: a shard in ERROR fails the run. */
  private int writerOutcome(LaunchConfig config) {
    String runId = config.run().runIdentifier();
    try (Spanner spanner = SpannerClients.open(config.source())) {
      RunState state = states(spanner, config).read(runId);
      int exit = RunOutcome.report(state, out);
      out.flush();
      return exit;
    }
  }

  /**
   * Runs the gcloud commands, reports the job ids, prints the follow-up commands and, with
   * {@code --wait}, waits for the jobs to run.
   */
  private int submitToDataflow(LaunchConfig config, DataflowSettings settings, LaunchPlan plan)
      throws IOException, InterruptedException {
    Optional<List<StartedJob>> started =
        new DataflowSubmission(gcloud, settings, out).submit(DataflowJobs.commands(config));
    if (started.isEmpty()) {
      return ExitCode.FAILURE;
    }
    out.println();
    plan.printFollowUps(out);
    out.flush();
    if (settings.waitTimeout().isEmpty()) {
      return ExitCode.OK;
    }
    if (started.get().stream().anyMatch(job -> job.id().isEmpty())) {
      out.println("--wait: gcloud did not report every job id, so the jobs cannot be watched from"
          + " here; find them with gcloud dataflow jobs list");
      out.flush();
      return ExitCode.FAILURE;
    }
    return new JobWatcher(gcloud, settings, Clock.systemUTC(),
        pause -> Thread.sleep(pause.toMillis()), out)
        .await(started.get(), settings.waitTimeout().get());
  }

  static void cancelQuietly(PipelineResult result) {
    try {
      result.cancel();
    } catch (IOException | UnsupportedOperationException e) {
      // Stopping anyway; a pipeline that cannot be cancelled ends with the JVM.
    }
  }
}
