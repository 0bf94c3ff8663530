package dev.rr.reader;

import dev.rr.common.config.ReaderConfig;
import dev.rr.reader.options.ReaderConfigs;
import dev.rr.reader.options.ReaderOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Command-line and flex-template entry point: parses {@link ReaderOptions} once into a {@link
 * ReaderConfig}, then {@link ReaderPipeline#run runs} the reader.
 */
public final class ReaderMain {
  private ReaderMain() {}

  public static void main(String[] args) {
    PipelineOptionsFactory.register(ReaderOptions.class);
    ReaderOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(ReaderOptions.class);
    ReaderConfig config = ReaderConfigs.fromOptions(options);
    ReaderPipeline.run(config, options);
  }
}
