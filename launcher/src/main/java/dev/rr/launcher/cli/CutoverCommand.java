package dev.rr.launcher.cli;

import com.google.cloud.Timestamp;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rr cutover}: waits until every shard has applied everything committed up to T. */
@Command(
    name = "cutover",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Wait until every shard has applied all changes up to a time.",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Stop writes to Spanner first. Then this waits until every shard of the run has applied "
            + "all changes committed up to T (now by default): the reader has finished every window up "
            + "to T and each shard has applied the window containing T. Exits 3 when a shard is in "
            + "ERROR, the reader stops advancing, or the timeout passes, naming the shards that are behind.")
public final class CutoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin SpannerOptions spanner;
  @Mixin MetadataOptions metadata;

  @Option(names = "--at", converter = TimestampConverter.class,
      description = "Cutover time T, RFC 3339, not in the future (default: now, by Spanner's clock).")
  Timestamp at;

  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--poll", defaultValue = "2s", converter = DurationConverter.class,
      description = "How often progress is read (default: ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(names = "--readerStallTimeout", defaultValue = "2m", converter = DurationConverter.class,
      description = "Fail once the reader's created_upto of a shard short of T has not moved for"
          + " this long: the reader stopped (default: ${DEFAULT-VALUE}).")
  Duration readerStallTimeout;

  @Option(names = "--json", description = "Print the outcome as one JSON document; no progress lines.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return StatusCommands.cutover(this);
  }
}
