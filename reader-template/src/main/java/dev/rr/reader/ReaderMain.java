package dev.rr.reader;

import dev.rr.common.config.ReaderConfig;
import dev.rr.reader.options.ReaderConfigs;
import dev.rr.reader.options.ReaderOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command-line and flex-template entry point: parses {@link ReaderOptions} once into a {@link
 * ReaderConfig}, then {@link ReaderPipeline#run runs} the reader.
 */
public final class ReaderMain {
  private static final Logger LOG = LoggerFactory.getLogger(ReaderMain.class);

  private ReaderMain() {}

  /**
   * The flex template's entry point. Invalid options are also logged: on Dataflow the log (Cloud
   * Logging, through the jar's SLF4J provider) is where an operator looks for them.
   */
  public static void main(String[] args) {
    try {
      start(args);
    } catch (IllegalArgumentException e) { // ConfigException, or Beam's own option parsing
      LOG.error("[reader] invalid options, not started: {}", e.getMessage());
      throw e;
    }
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
