package dev.rr.launcher.launch;

import dev.rr.common.config.NamedOption;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
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

  /**
   * The commands for the jobs {@code config} starts (reader first). A job launched in a run mode
   * other than {@code regular} is named after it ({@code rr-writer-<run>-resumefailed}): a retry
   * or resume does not reuse the name of the run's first job, which may still be running or
   * draining, and {@code rr launch} and the printed follow-up commands give a job the same name.
   */
  public static List<GcloudFlexTemplateCommand> commands(LaunchConfig config) {
    DataflowSettings settings =
        config.dataflow().orElseThrow(() -> new IllegalStateException("not a Dataflow launch"));
    String runId = config.run().runIdentifier();
    List<GcloudFlexTemplateCommand> commands = new ArrayList<>();
    if (config.run().jobs().includesReader()) {
      commands.add(GcloudFlexTemplateCommand.of(
          readerJobName(runId, suffix(config.run().readerRunMode())), settings.readerTemplate(),
          PipelineParameters.reader(config), settings));
    }
    if (config.run().jobs().includesWriter()) {
      commands.add(GcloudFlexTemplateCommand.of(
          writerJobName(runId, suffix(config.run().writerRunMode())), settings.writerTemplate(),
          PipelineParameters.writer(config), settings));
    }
    return commands;
  }

  /** The job-name suffix of a run mode: none for {@code regular}, else the mode's name. */
  static String suffix(NamedOption runMode) {
    boolean regular = runMode == ReaderRunMode.REGULAR || runMode == WriterRunMode.REGULAR;
    return regular ? "" : runMode.optionName();
  }

  private static String jobName(String prefix, String runIdentifier, String suffix) {
    String raw = prefix + runIdentifier + (suffix == null || suffix.isEmpty() ? "" : "-" + suffix);
    String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+$", "");
    return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
  }
}
