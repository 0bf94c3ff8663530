package dev.rr.launcher.e2e;

import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.launch.PipelineStarter;
import dev.rr.reader.ReaderPipeline;
import dev.rr.reader.options.ReaderConfigs;
import dev.rr.reader.options.ReaderOptions;
import dev.rr.writer.WriterPipeline;
import dev.rr.writer.options.WriterConfigs;
import dev.rr.writer.options.WriterOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The reader and writer starters of the suite: the launcher's {@link DirectPipelines} (the
 * path {@code rr launch --runner direct} takes), and, while that path is still being wired in
 * main, the same thing done here: the documented options parsed by the templates' own option
 * classes, started without blocking.
 */
final class E2EPipelines {
  private E2EPipelines() {}

  static PipelineStarter reader() {
    return parameters -> start(DirectPipelines.reader(), parameters, () -> {
      ReaderOptions options = options(parameters, ReaderOptions.class);
      return ReaderPipeline.run(ReaderConfigs.fromOptions(options), options);
    });
  }

  static PipelineStarter writer() {
    return parameters -> start(DirectPipelines.writer(), parameters, () -> {
      WriterOptions options = options(parameters, WriterOptions.class);
      return WriterPipeline.run(WriterConfigs.fromOptions(options), options);
    });
  }

  private interface Start {
    PipelineResult start() throws Exception;
  }

  private static PipelineResult start(PipelineStarter launcher, Map<String, String> parameters,
      Start fallback) throws Exception {
    try {
      return launcher.start(parameters);
    } catch (UnsupportedOperationException notYetWired) {
      return fallback.start();
    }
  }

  private static <T extends PipelineOptions> T options(Map<String, String> parameters, Class<T> type) {
    PipelineOptionsFactory.register(type);
    List<String> args = new ArrayList<>();
    parameters.forEach((name, value) -> args.add("--" + name + "=" + value));
    T options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().as(type);
    options.setRunner(DirectRunner.class);
    // Both pipelines share this JVM: run() must return so that the other can start.
    options.as(DirectOptions.class).setBlockOnRun(false);
    return options;
  }
}
