package dev.rr.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rr drop}: removes a run's metadata rows, optionally its change stream and buffer. */
@Command(
    name = "drop",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Remove a run's metadata (and optionally change stream and buffer).",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Removes the run's rows from the metadata tables; with --drop-change-stream also the "
            + "change stream, with --delete-buffer also the buffer files. Asks for confirmation unless "
            + "--yes. Stop the run's pipelines first.")
public final class DropCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunOptions run;
  @Mixin SpannerOptions spanner;
  @Mixin MetadataOptions metadata;

  @Option(names = {"--yes", "-y"}, description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = {"--drop-change-stream", "--dropChangeStream"}, description = "Also drop the change stream (needs --changeStreamName).")
  boolean dropChangeStream;

  @Option(names = "--changeStreamName", description = "The change stream to drop.")
  String changeStreamName;

  @Option(names = {"--delete-buffer", "--deleteBuffer"}, description = "Also delete the buffer files (needs --bufferDirectory).")
  boolean deleteBuffer;

  @Option(names = "--bufferDirectory", description = "The run's buffer: gs://bucket/path or a local directory.")
  String bufferDirectory;

  @Override
  public Integer call() throws Exception {
    return StatusCommands.drop(this);
  }
}
