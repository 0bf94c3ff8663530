package dev.rr.launcher.launch;

import dev.rr.common.config.ReaderConfig;
import dev.rr.common.config.WriterConfig;
import dev.rr.reader.options.ReaderConfigs;
import dev.rr.reader.options.ReaderOptions;
import dev.rr.writer.options.WriterConfigs;
import dev.rr.writer.options.WriterOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The reader's and writer's typed configs, parsed from a launch's parameters by the templates'
 * own option classes and config parsers: what the launched job would parse at start-up, parsed
 * before anything is submitted.
 */
public final class PipelineConfigs {
  private PipelineConfigs() {}

  /**
   * The reader's config for {@code parameters}.
   *
   * @throws IllegalArgumentException (a {@code ConfigException} listing every problem) when the
   *     reader would refuse them
   */
  public static ReaderConfig reader(Map<String, String> parameters) {
    return ReaderConfigs.fromOptions(options(parameters, ReaderOptions.class));
  }

  /** The writer's config for {@code parameters}; throws as {@link #reader} does. */
  public static WriterConfig writer(Map<String, String> parameters) {
    return WriterConfigs.fromOptions(options(parameters, WriterOptions.class));
  }

  static <T extends PipelineOptions> T options(Map<String, String> parameters, Class<T> type) {
    PipelineOptionsFactory.register(type);
    List<String> args = new ArrayList<>();
    parameters.forEach((name, value) -> args.add("--" + name + "=" + value));
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().as(type);
  }
}
