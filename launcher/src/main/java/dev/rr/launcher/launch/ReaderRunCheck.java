package dev.rr.launcher.launch;

import dev.rr.common.config.ConfigProblems;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.RunMetadata;
import dev.rr.reader.logic.RunChecks;
import java.util.Optional;

/**
 * The reader's start-up checks against the run row, run by {@code rr launch} before anything is
 * submitted: a regular run must be new; a resumed run must exist and keep its window grid,
 * buffer, change stream, database and skip directory. Same rules ({@link RunChecks}) as the
 * reader applies, so a launch the reader would refuse is refused before the writer starts.
 */
public final class ReaderRunCheck {
  private ReaderRunCheck() {}

  /**
   * Checks the reader of {@code config} against its run row in {@code store}.
   *
   * @return what was found, for the launch log
   * @throws dev.rr.common.config.ConfigException naming what to change
   */
  public static String require(MetadataStore store, LaunchConfig config) {
    ReaderConfig reader = PipelineConfigs.reader(PipelineParameters.reader(config));
    Optional<RunMetadata> existing = store.runs().read(reader.runIdentifier());
    ConfigProblems problems = new ConfigProblems();
    if (reader.runMode() == ReaderRunMode.RESUME) {
      RunChecks.runIsResumable(existing, reader, problems);
    } else {
      RunChecks.runIsNew(existing, reader, problems);
    }
    problems.throwIfAny();
    return existing.isPresent()
        ? "run " + reader.runIdentifier() + " exists (started " + existing.get().startTimestamp()
            + "): resumable"
        : "run " + reader.runIdentifier() + " is new";
  }
}
