package dev.rr.launcher.cli;

import dev.rr.common.config.WriterConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rr status}: one line per shard of a run, from the metadata tables. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Show a run's progress per shard.",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Shows a run's progress per shard: state, files created up to, applied up to, last "
            + "applied commit time, lag (now - applied up to: small and steady on an idle, caught-up "
            + "run), buffer backlog (created - applied), records applied, when the row was last "
            + "written (STALLED when it stopped moving), last error.")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin SpannerOptions spanner;
  @Mixin MetadataOptions metadata;

  @Option(names = "--watch", description = "Refresh until interrupted (the screen is cleared only on a terminal).")
  boolean watch;

  @Option(names = "--interval", defaultValue = "5s", converter = DurationConverter.class,
      description = "Refresh interval with --watch (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--stallAfter", defaultValue = "2m", converter = DurationConverter.class,
      description = "Flag a shard whose row was not written for this long as STALLED (default: ${DEFAULT-VALUE}).")
  Duration stallAfter;

  @Option(names = "--sourceShardsFilePath", paramLabel = "FILE",
      description = "The run's shards file: also read each shard's own database for an initial"
          + " snapshot or rr resync under way (STATE SNAPSHOT or RESYNC (fenced), rows loaded of"
          + " the estimate per table, rate, ETA).")
  String shardsFilePath;

  @Option(names = "--sourceType", defaultValue = "mysql", converter = NamedOptionConverter.Source.class,
      description = "Type of the shards in --sourceShardsFilePath: mysql or postgresql (default:"
          + " ${DEFAULT-VALUE}).")
  WriterConfig.SourceType sourceType;

  @Option(names = "--json", description = "Print one JSON document (per refresh) for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return StatusCommands.status(this);
  }
}
