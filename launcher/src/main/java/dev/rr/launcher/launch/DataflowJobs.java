package dev.rr.launcher.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Dataflow jobs of a launch: names and {@code gcloud} commands for reader and writer. */
public final class DataflowJobs {
  private DataflowJobs() {}

  /** {@code rr-reader-<runIdentifier>[-suffix]}, a valid Dataflow job name. */
  public static String readerJobName(String runIdentifier, String suffix) {
    return jobName("rr-reader-", runIdentifier, suffix);
  }

  /** {@code rr-writer-<runIdentifier>[-suffix]}, a valid Dataflow job name. */
  public static String writerJobName(String runIdentifier, String suffix) {
    return jobName("rr-writer-", runIdentifier, suffix);
  }

  /** The commands for the jobs {@code config} starts (reader first). */
  public static List<GcloudFlexTemplateCommand> commands(LaunchConfig config, String suffix) {
    DataflowSettings settings =
        config.dataflow().orElseThrow(() -> new IllegalStateException("not a Dataflow launch"));
    String runId = config.run().runIdentifier();
    List<GcloudFlexTemplateCommand> commands = new ArrayList<>();
    if (config.run().jobs().includesReader()) {
      commands.add(GcloudFlexTemplateCommand.of(
          readerJobName(runId, suffix), settings.readerTemplate(),
          PipelineParameters.reader(config), settings));
    }
    if (config.run().jobs().includesWriter()) {
      commands.add(GcloudFlexTemplateCommand.of(
          writerJobName(runId, suffix), settings.writerTemplate(),
          PipelineParameters.writer(config), settings));
    }
    return commands;
  }

  private static String jobName(String prefix, String runIdentifier, String suffix) {
    String raw = prefix + runIdentifier + (suffix == null || suffix.isEmpty() ? "" : "-" + suffix);
    String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+$", "");
    return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
  }
}
