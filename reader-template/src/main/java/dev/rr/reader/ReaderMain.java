package dev.rr.reader;

import dev.rr.common.config.ReaderConfig;
import dev.rr.reader.options.ReaderConfigs;
import dev.rr.reader.options.ReaderOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Command-line and flex-template entry point: parses {@link ReaderOptions} once into a {@link
 * ReaderConfig}, then {@link ReaderPipeline#run runs} the reader.
 */
public final class ReaderMain {
  private ReaderMain() {}

  public static void main(String[] args) {
    start(args);
  }

  /**
   * Parses {@code args} ({@code --name=value}: the reader's options and Beam's, e.g. {@code
   * --runner=DirectRunner --blockOnRun=false}) and starts the reader.
   *
   * @return the pipeline's result; finished when the runner blocks (DirectRunner by default)
   * @throws dev.rr.common.config.ConfigException listing every invalid option
   */
  public static PipelineResult start(String... args) {
    PipelineOptionsFactory.register(ReaderOptions.class);
    ReaderOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(ReaderOptions.class);
    ReaderConfig config = ReaderConfigs.fromOptions(options);
    return ReaderPipeline.run(config, options);
  }
}
