package dev.rr.reader.logic;

import dev.rr.common.config.ConfigProblems;
import dev.rr.common.config.Durations;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.metadata.RunMetadata;
import dev.rr.common.schema.SchemaMapping;
import java.util.List;
import java.util.Optional;

/**
 * Checks a reader launch against its input files and the metadata before any pipeline starts,
 * one check per rule; each problem names the option (or file) to fix.
 */
public final class RunChecks {
  private RunChecks() {}

  /** Shard ids must not be one of the reader's own directory names. */
  public static void shardIdsAreNotReserved(
      List<String> shardIds, OutputLayout layout, ConfigProblems problems) {
    for (String shard : shardIds) {
      if (layout.isReserved(shard)) {
        problems.add("sourceShardsFilePath: logical shard id '" + shard + "' is also a directory"
            + " the reader uses for unroutable records; choose another skipDirectoryName");
      }
    }
  }

  /** With several shards, something must say which record goes where. */
  public static void routingRuleExists(
      List<String> shardIds, boolean customSharding, SchemaMapping mapping, ConfigProblems problems) {
    if (shardIds.size() < 2 || customSharding) {
      return;
    }
    boolean anyShardColumn = mapping.spannerTables().stream()
        .map(mapping::forSpannerTable)
        .flatMap(Optional::stream)
        .anyMatch(t -> t.shardIdColumnName().isPresent());
    if (!anyShardColumn) {
      problems.add("sourceShardsFilePath lists " + shardIds.size() + " shards but no table has a"
          + " ShardIdColumn in sessionFilePath and shardingCustomClassName is not set: every record"
          + " would be unroutable");
    }
  }

  /** A regular run must not reuse the identifier of an existing run. */
  public static void runIsNew(Optional<RunMetadata> existing, ReaderConfig config,
      ConfigProblems problems) {
    if (existing.isPresent()) {
      problems.add("runIdentifier '" + config.runIdentifier() + "' already exists (started at "
          + existing.get().startTimestamp() + "): use runMode=resume to continue it, or another"
          + " runIdentifier");
    }
  }

  /**
   * A resumed run must exist and keep its window grid, buffer directory, change stream and
   * database: a resume reads the same history into the same files.
   */
  public static void runIsResumable(Optional<RunMetadata> run, ReaderConfig config,
      ConfigProblems problems) {
    if (run.isEmpty()) {
      problems.add("runMode resume: runIdentifier '" + config.runIdentifier()
          + "' has no run row in the metadata database: nothing to resume");
      return;
    }
    if (!run.get().windowDuration().equals(config.windowDuration())) {
      problems.add("windowDuration " + Durations.format(config.windowDuration())
          + " differs from run '" + config.runIdentifier() + "', which uses "
          + Durations.format(run.get().windowDuration()) + ": a resumed run keeps its windows");
    }
    if (!run.get().changeStreamName().equals(config.changeStreamName())) {
      problems.add("changeStreamName " + config.changeStreamName() + " differs from run '"
          + config.runIdentifier() + "', which reads " + run.get().changeStreamName());
    }
    if (!run.get().spannerDatabase().equals(config.database().toString())) {
      problems.add("the Spanner database " + config.database() + " differs from run '"
          + config.runIdentifier() + "', which reads " + run.get().spannerDatabase());
    }
    if (!run.get().skipDirectoryName().equals(config.skipDirectoryName())) {
      problems.add("skipDirectoryName " + config.skipDirectoryName() + " differs from run '"
          + config.runIdentifier() + "', which uses " + run.get().skipDirectoryName());
    }
    if (!sameDirectory(run.get().bufferDirectory(), config.outputDirectory())) {
      problems.add("gcsOutputDirectory " + config.outputDirectory() + " differs from run '"
          + config.runIdentifier() + "', which writes to " + run.get().bufferDirectory());
    }
  }

  /**
   * A resumed run must route as it started: same session file, shard ids and custom fetcher. A
   * run started before its inputs were kept ({@code started} empty) is not checked.
   */
  public static void routesAsStarted(Optional<RunInputs> started, RunInputs now,
      String runIdentifier, ConfigProblems problems) {
    started.ifPresent(inputs -> now.differencesFrom(inputs).forEach(difference ->
        problems.add("runMode resume: run '" + runIdentifier + "' would route records"
            + " differently: " + difference + "; resume with the run's own inputs, or start a"
            + " new runIdentifier")));
  }

  /**
   * A bounded run whose last window is final cannot be extended: that window was declared final
   * holding only the changes up to the run's end, and the writers may have applied it. Changes
   * after the end belong to a new run starting there.
   *
   * @param runEnd the run's stored end (null for an open-ended run)
   * @param newEnd the end this launch gives (null to keep the run's)
   * @param createdUpto created_upto by shard
   */
  public static void endIsNotExtendedPastFinal(String runIdentifier,
      com.google.cloud.Timestamp runEnd, com.google.cloud.Timestamp newEnd,
      java.util.Map<String, com.google.cloud.Timestamp> createdUpto, ConfigProblems problems) {
    if (runEnd == null || newEnd == null || newEnd.compareTo(runEnd) <= 0) {
      return;
    }
    boolean lastWindowFinal = createdUpto.values().stream().anyMatch(c -> c.compareTo(runEnd) > 0);
    if (lastWindowFinal) {
      problems.add("endTimestamp " + newEnd + " extends run '" + runIdentifier + "', which ended at "
          + runEnd + " and whose last window is already final (it holds only the changes up to "
          + runEnd + "): start a new runIdentifier with startTimestamp " + runEnd);
    }
  }

  /** A resumed bounded run must have something left to read. */
  public static void endIsAfterResumePoint(ReaderConfig resumed, ConfigProblems problems) {
    resumed.endTimestamp().ifPresent(end -> {
      if (end.compareTo(resumed.startTimestamp()) <= 0) {
        problems.add("endTimestamp " + end + " is not after " + resumed.startTimestamp()
            + ", where run '" + resumed.runIdentifier() + "' resumes: nothing to read");
      }
    });
  }

  private static boolean sameDirectory(String a, String b) {
    return a.replaceAll("/+$", "").equals(b.replaceAll("/+$", ""));
  }
}
