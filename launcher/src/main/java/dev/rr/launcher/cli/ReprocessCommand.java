package dev.rr.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rr reprocess}: marks shards REPROCESS for the next writer launch in reprocess mode. */
@Command(
    name = "reprocess",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Mark shards REPROCESS for the next writer launch.",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Sets the given shards of a run to REPROCESS. The next writer launched with "
            + "--writerRunMode reprocess works on exactly those shards, from their checkpoints.")
public final class ReprocessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin SpannerOptions spanner;
  @Mixin MetadataOptions metadata;

  @Option(names = "--shards", required = true, split = ",", paramLabel = "ID",
      description = "Logical shard ids, comma separated.")
  List<String> shards = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return StatusCommands.reprocess(this);
  }
}
