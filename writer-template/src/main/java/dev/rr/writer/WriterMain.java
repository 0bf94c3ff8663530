package dev.rr.writer;

import dev.rr.common.config.WriterConfig;
import dev.rr.writer.options.WriterConfigs;
import dev.rr.writer.options.WriterOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Entry point of the writer flex template: parses the options once into a {@link WriterConfig},
 * bootstraps, builds and runs the pipeline.
 */
public final class WriterMain {
  private WriterMain() {}

  public static void main(String[] args) {
    PipelineOptionsFactory.register(WriterOptions.class);
    WriterOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(WriterOptions.class);
    WriterConfig config = WriterConfigs.fromOptions(options);
    WriterPipeline.run(config, options);
  }
}
