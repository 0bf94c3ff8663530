package dev.rr.launcher.cli;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.WriterConfig;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.RunMetadata;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.launch.ChangeStreamDdl;
import dev.rr.launcher.spanner.MetadataLocation;
import dev.rr.launcher.spanner.MetadataTarget;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.launcher.status.BufferDeletion;
import dev.rr.launcher.status.CutoverCheck;
import dev.rr.launcher.status.CutoverJson;
import dev.rr.launcher.status.CutoverWaiter;
import dev.rr.launcher.status.MetadataRunStateSource;
import dev.rr.launcher.status.RunState;
import dev.rr.launcher.status.ShardLoad;
import dev.rr.launcher.status.ShardLoadSource;
import dev.rr.launcher.status.RunStateSource;
import dev.rr.launcher.status.StatusJson;
import dev.rr.launcher.status.StatusTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Runs the commands that read or change a run's metadata (status, cutover, reprocess, drop). */
final class StatusCommands {
  /** Run ids named when {@code rr status} is asked for a run that does not exist. */
  private static final int MAX_RUNS_LISTED = 10;

  private StatusCommands() {}

  static int status(StatusCommand command) throws Exception {
    SpannerTarget source = command.spanner.toTarget(command.spec);
    PrintWriter out = command.spec.commandLine().getOut();
    try (Spanner spanner = SpannerClients.open(source)) {
      MetadataTarget metadata = command.metadata.toTarget(source);
      RunStateSource states = states(spanner, metadata);
      Optional<ShardLoadSource> shardLoads = loads(command.shardsFilePath, command.sourceType);
      while (true) {
        RunState state = states.read(command.run.runIdentifier);
        Map<String, ShardLoad> loads = shardLoads.map(s -> s.read(command.run.runIdentifier))
            .orElse(Map.of());
        if (command.json) {
          out.println(StatusJson.render(state, loads));
        } else {
          if (command.watch && Terminal.isInteractive()) {
            out.print("\033[H\033[2J");
          }
          StatusTable.print(state, out, command.stallAfter, loads);
        }
        out.flush();
        if (!command.watch) {
          return state.shards().isEmpty() && loads.values().stream().noneMatch(ShardLoad::underWay)
              ? noProgress(command.spec, SpannerClients.metadata(spanner, metadata), metadata,
                  command.run.runIdentifier)
              : ExitCode.OK;
        }
        Thread.sleep(command.interval.toMillis());
      }
    }
  }

  static int cutover(CutoverCommand command) throws Exception {
    SpannerTarget source = command.spanner.toTarget(command.spec);
    PrintWriter out = command.spec.commandLine().getOut();
    PrintWriter err = command.spec.commandLine().getErr();
    try (Spanner spanner = SpannerClients.open(source)) {
      MetadataTarget metadata = command.metadata.toTarget(source);
      RunStateSource states = states(spanner, metadata);
      // Spanner's now, not the local clock's: it is after every write committed so far. For a
      // given T only the clock matters, read where the run's rows are (that database exists).
      Timestamp now = SpannerTime.now(spanner.getDatabaseClient(SpannerClients.databaseId(
          command.at != null ? metadata.database() : source)));
      if (command.at != null && command.at.compareTo(now) > 0) {
        err.printf("rr cutover: --at %s is in the future (Spanner's clock reads %s): a cutover"
            + " time must be a moment whose commits have all happened; stop writes, then give"
            + " that time or none (now)%n", command.at, now);
        err.flush();
        return ExitCode.USAGE;
      }
      Timestamp at = command.at != null ? command.at : now;
      PrintWriter progress = command.json ? Terminal.progress(err) : Terminal.progress(out);
      progress.printf("cutover of run %s at %s (timeout %s)%n", command.run.runIdentifier, at,
          DurationConverter.format(command.timeout));
      CutoverWaiter waiter = new CutoverWaiter(states, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), progress, command.readerStallTimeout);
      CutoverCheck.Outcome outcome =
          waiter.await(command.run.runIdentifier, at, command.timeout, command.poll);
      if (command.json) {
        out.println(CutoverJson.render(command.run.runIdentifier, at, outcome));
        out.flush();
        return exitCode(outcome);
      }
      return report(outcome, at, out, err);
    }
  }

  static int exitCode(CutoverCheck.Outcome outcome) {
    return outcome.verdict() == CutoverCheck.Verdict.DONE ? ExitCode.OK : ExitCode.NOT_CAUGHT_UP;
  }

  static int report(CutoverCheck.Outcome outcome, Timestamp at, PrintWriter out, PrintWriter err) {
    switch (outcome.verdict()) {
      case DONE -> {
        out.printf("cutover done: every shard has applied all changes committed up to %s%n", at);
        out.flush();
        return ExitCode.OK;
      }
      case FAILED -> err.printf("cutover failed: %s%n", String.join("; ", outcome.reasons()));
      default -> err.printf("cutover timed out before every shard passed %s: %s%n", at,
          String.join("; ", outcome.reasons()));
    }
    err.flush();
    return ExitCode.NOT_CAUGHT_UP;
  }

  static int reprocess(ReprocessCommand command) {
    SpannerTarget source = command.spanner.toTarget(command.spec);
    PrintWriter out = command.spec.commandLine().getOut();
    try (Spanner spanner = SpannerClients.open(source)) {
      MetadataStore store = SpannerClients.metadata(spanner, command.metadata.toTarget(source));
      Set<String> unknown = store.fileProcessProgress()
          .setStatus(command.run.runIdentifier, command.shards, ShardStatus.REPROCESS);
      List<String> marked = command.shards.stream().filter(s -> !unknown.contains(s)).toList();
      out.printf("run %s: set REPROCESS on %s%n", command.run.runIdentifier, marked);
      if (!unknown.isEmpty()) {
        command.spec.commandLine().getErr().printf(
            "run %s has no writer progress for shard(s) %s: left alone%n",
            command.run.runIdentifier, unknown.stream().sorted().toList());
        return ExitCode.FAILURE;
      }
      out.println("next: rr launch --jobs writer --writerRunMode reprocess (same runIdentifier)");
      return ExitCode.OK;
    }
  }

  static int drop(DropCommand command) throws Exception {
    CommandSpec spec = command.spec;
    if (command.dropChangeStream && SpannerOptions.nonBlank(command.changeStreamName).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--drop-change-stream needs --changeStreamName");
    }
    if (command.deleteBuffer && SpannerOptions.nonBlank(command.bufferDirectory).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--delete-buffer needs --bufferDirectory");
    }
    SpannerTarget source = command.spanner.toTarget(spec);
    MetadataTarget metadata = command.metadata.toTarget(source);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("This removes run %s's rows from the metadata tables in %s", command.run.runIdentifier,
        metadata.database());
    if (command.dropChangeStream) {
      out.printf(", drops change stream %s in %s", command.changeStreamName, source);
    }
    if (command.deleteBuffer) {
      out.printf(", deletes every file under %s", command.bufferDirectory);
    }
    out.println(".");
    if (!command.yes && !confirmed(out)) {
      spec.commandLine().getErr().println("not confirmed: nothing was changed");
      return ExitCode.FAILURE;
    }
    try (Spanner spanner = SpannerClients.open(source)) {
      SpannerClients.metadata(spanner, metadata).runs().deleteRun(command.run.runIdentifier);
      out.printf("deleted the metadata rows of run %s%n", command.run.runIdentifier);
      if (command.dropChangeStream) {
        spanner.getDatabaseAdminClient().updateDatabaseDdl(source.instanceId(), source.databaseId(),
            List.of(ChangeStreamDdl.drop(command.changeStreamName)), null).get(10, TimeUnit.MINUTES);
        out.printf("dropped change stream %s%n", command.changeStreamName);
      }
    }
    if (command.deleteBuffer) {
      out.printf("deleted %d buffer file(s) under %s%n",
          BufferDeletion.deleteAll(command.bufferDirectory), command.bufferDirectory);
    }
    out.flush();
    return ExitCode.OK;
  }

  private static boolean confirmed(PrintWriter out) throws java.io.IOException {
    out.print("Type 'yes' to continue: ");
    out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String answer = in.readLine();
    return answer != null && answer.trim().equalsIgnoreCase("yes");
  }

  private static Optional<ShardLoadSource> loads(String shardsFile,
      WriterConfig.SourceType sourceType) {
    if (shardsFile == null) {
      return Optional.empty();
    }
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      return Optional.of(new ShardLoadSource(ShardsFile.load(shardsFile, secrets, sourceType)));
    }
  }

  private static RunStateSource states(Spanner spanner, MetadataTarget target) {
    MetadataLocation.requireExists(spanner, target);
    MetadataStore store = SpannerClients.metadata(spanner, target);
    return new MetadataRunStateSource(store.fileCreateProgress(), store.fileProcessProgress(),
        Clock.systemUTC());
  }

  /**
   * A run without shard progress rows: says whether the reader started it (then it has not
   * finished a window yet) or it does not exist there (then which runs do), and fails.
   */
  private static int noProgress(
      CommandSpec spec, MetadataStore store, MetadataTarget metadata, String runId) {
    PrintWriter err = spec.commandLine().getErr();
    Optional<RunMetadata> run = store.runs().read(runId);
    if (run.isPresent()) {
      err.printf("run %s exists (reader started from %s) but no shard has progress yet: the"
          + " reader records a shard when its first window is final, the writer when it starts;"
          + " check that both run%n", runId, run.get().startTimestamp());
    } else {
      List<String> runs = store.runs().list().stream().map(RunMetadata::runId).toList();
      err.printf("run %s does not exist in metadata database %s: check --runIdentifier (%s)%n",
          runId, metadata.database(), runs.isEmpty()
              ? "no run there; check --metadataDatabase and --metadataTableSuffix too"
              : "runs there: " + String.join(", ", runs.subList(0, Math.min(runs.size(), MAX_RUNS_LISTED)))
                  + (runs.size() > MAX_RUNS_LISTED ? ", ..." : ""));
    }
    err.flush();
    return ExitCode.FAILURE;
  }
}
