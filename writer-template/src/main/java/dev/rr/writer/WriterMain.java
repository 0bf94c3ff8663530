package dev.rr.writer;

import dev.rr.common.config.WriterConfig;
import dev.rr.writer.options.WriterConfigs;
import dev.rr.writer.options.WriterOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the writer flex template: parses the options once into a {@link WriterConfig},
 * bootstraps, builds and runs the pipeline.
 */
public final class WriterMain {
  private static final Logger LOG = LoggerFactory.getLogger(WriterMain.class);

  private WriterMain() {}

  /**
   * The flex template's entry point. Invalid options are also logged: on Dataflow the log (Cloud
   * Logging, through the jar's SLF4J provider) is where an operator looks for them.
   */
  public static void main(String[] args) {
    WriterOptions options;
    WriterConfig config;
    try {
      PipelineOptionsFactory.register(WriterOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(WriterOptions.class);
      config = WriterConfigs.fromOptions(options);
    } catch (IllegalArgumentException e) { // ConfigException, or Beam's own option parsing
      LOG.error("[writer] invalid options, not started: {}", e.getMessage());
      throw e;
    }
    WriterPipeline.run(config, options);
  }
}
