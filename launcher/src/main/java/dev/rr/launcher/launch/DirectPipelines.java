package dev.rr.launcher.launch;

import dev.rr.reader.ReaderPipeline;
import dev.rr.reader.options.ReaderConfigs;
import dev.rr.reader.options.ReaderOptions;
import dev.rr.writer.WriterPipeline;
import dev.rr.writer.options.WriterConfigs;
import dev.rr.writer.options.WriterOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The reader and writer entry points for the in-process DirectRunner: the same documented
 * options as on Dataflow, parsed by the templates' own option classes and config parsers, then
 * started without blocking.
 */
public final class DirectPipelines {
  private DirectPipelines() {}

  /** How often a reader is checked for orphaned change-stream partitions. */
  public static final Duration ORPHAN_CHECK_INTERVAL = Duration.ofSeconds(5);

  /**
   * Starts the reader pipeline on the DirectRunner; it is relaunched with {@code runMode=resume}
   * if it reports an orphaned change-stream partition ({@link ResumingReader}).
   */
  public static PipelineStarter reader() {
    return ResumingReader.wrap(parameters -> {
      ReaderOptions options = options(parameters, ReaderOptions.class);
      return ReaderPipeline.run(ReaderConfigs.fromOptions(options), options);
    }, ORPHAN_CHECK_INTERVAL);
  }

  /** Starts the writer pipeline on the DirectRunner. */
  public static PipelineStarter writer() {
    return parameters -> {
      WriterOptions options = options(parameters, WriterOptions.class);
      return WriterPipeline.run(WriterConfigs.fromOptions(options), options);
    };
  }

  /**
   * Options for a pipeline on the DirectRunner whose {@code run()} returns at once (the caller
   * waits on its result), as every pipeline started in this process needs.
   */
  public static PipelineOptions nonBlockingOptions() {
    PipelineOptions options = PipelineOptionsFactory.create();
    nonBlocking(options);
    return options;
  }

  private static <T extends PipelineOptions> T options(Map<String, String> parameters, Class<T> type) {
    PipelineOptionsFactory.register(type);
    List<String> args = new ArrayList<>();
    parameters.forEach((name, value) -> args.add("--" + name + "=" + value));
    T options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().as(type);
    // Both pipelines share this process: run() must return so the other can start.
    nonBlocking(options);
    return options;
  }

  private static void nonBlocking(PipelineOptions options) {
    options.setRunner(DirectRunner.class);
    options.as(DirectOptions.class).setBlockOnRun(false);
  }
}
