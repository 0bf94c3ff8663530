package dev.rr.launcher.launch;

import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * What a launch starts and how.
 *
 * @param jobs reader, writer or both
 * @param runner Dataflow or the in-process DirectRunner
 * @param runIdentifier the key of the run's progress in the metadata tables
 * @param readerRunMode reader run mode
 * @param writerRunMode writer run mode
 * @param dryRun print what would be created and run, touch nothing
 */
public record RunSettings(
    Jobs jobs,
    Runner runner,
    String runIdentifier,
    ReaderRunMode readerRunMode,
    WriterRunMode writerRunMode,
    boolean dryRun) {
  public RunSettings {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(runIdentifier, "runIdentifier");
    Objects.requireNonNull(readerRunMode, "readerRunMode");
    Objects.requireNonNull(writerRunMode, "writerRunMode");
  }

  /**
   * The default run identifier for a launch at {@code now}: the UTC time to the second, lower
   * case, with {@code :} replaced by {@code -} (e.g. {@code 2024-05-01t10-15-30z}), which is
   * also valid inside a Dataflow job name.
   */
  public static String defaultRunIdentifier(Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS).toString().toLowerCase(Locale.ROOT).replace(':', '-');
  }

  /** The same settings with other run modes and jobs, for the follow-up commands. */
  public RunSettings with(Jobs otherJobs, ReaderRunMode otherReaderMode, WriterRunMode otherWriterMode) {
    return new RunSettings(otherJobs, runner, runIdentifier, otherReaderMode, otherWriterMode, false);
  }
}
