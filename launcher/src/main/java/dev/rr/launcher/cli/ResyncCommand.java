package dev.rr.launcher.cli;

import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.WriterConfig;
import dev.rr.launcher.launch.ShardResyncLaunch;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.writer.snapshot.SnapshotRefusedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rr resync}: brings one shard of a running run to Spanner's rows at a new T. */
@Command(
    name = "resync",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Bring one shard of a running run to Spanner's state at a new T, then continue it.",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Fences the shard (its writer applies nothing meanwhile; the other shards go on), loads"
            + " the shard's rows of Spanner at T, deletes its rows Spanner does not have at T,"
            + " and sets its checkpoint to T: the running writer then applies the changes after"
            + " T from the buffer. With --tables, T is the shard's own checkpoint. Run it again"
            + " to resume a resync that stopped. See docs/snapshot.md.")
public final class ResyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin SpannerOptions spanner;

  @Option(names = "--shard", required = true, paramLabel = "ID",
      description = "Logical shard id to resync.")
  String shard;

  @Option(names = "--tables", split = ",", paramLabel = "TABLE",
      description = "Spanner tables to resync, comma separated (default: every mapped table).")
  List<String> tables = List.of();

  @Option(names = "--sourceShardsFilePath", required = true,
      description = "The run's shards file.")
  String shardsFilePath;

  @Option(names = "--sessionFilePath", description = "The run's session file (default: identity mapping).")
  String sessionFilePath;

  @Option(names = "--sourceDbTimezoneOffset", description = "Time zone offset of the shards, as given to the writer.")
  ZoneOffset sourceTimezone;

  @Option(names = "--sourceType", defaultValue = "mysql", converter = NamedOptionConverter.Source.class,
      description = "Kind of database the shards are: mysql or postgresql, as given to rr launch"
          + " (default: ${DEFAULT-VALUE}).")
  WriterConfig.SourceType sourceType;

  @Option(names = "--snapshotChunkRows", defaultValue = "20000", description = "Rows per chunk, about (default: ${DEFAULT-VALUE}).")
  int chunkRows;

  @Option(names = "--snapshotRowsPerSecond", defaultValue = "2000", description = "Load rate assumed for the version-retention check (default: ${DEFAULT-VALUE}).")
  double rowsPerSecond;

  @Option(names = "--snapshotMaxDuration", converter = DurationConverter.class, description = "Your bound on the load time, instead of the estimate.")
  Duration maxDuration;

  @Override
  public Integer call() throws Exception {
    SpannerTarget source = spanner.toTarget(spec);
    PrintWriter out = spec.commandLine().getOut();
    ShardResyncLaunch.Request request = new ShardResyncLaunch.Request(source, run.runIdentifier,
        shardsFilePath, SpannerOptions.nonBlank(sessionFilePath), Optional.ofNullable(sourceTimezone),
        shard, new LinkedHashSet<>(tables), chunkRows, rowsPerSecond,
        Optional.ofNullable(maxDuration), sourceType);
    try (Spanner client = SpannerClients.open(source)) {
      ShardResyncLaunch.run(client, request, out);
      out.flush();
      return ExitCode.OK;
    } catch (SnapshotRefusedException | IllegalArgumentException e) {
      // IllegalArgumentException: LaunchRefusedException, an unknown shard or table.
      spec.commandLine().getErr().println("rr resync: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCode.USAGE;
    }
  }
}
