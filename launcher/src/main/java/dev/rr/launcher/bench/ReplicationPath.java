package dev.rr.launcher.bench;

import java.util.Map;
import java.util.Optional;

/**
 * Replication under test for the lag benchmark: the reader and the writer pipelines running
 * continuously on the DirectRunner, as {@code rr launch --runner direct} runs them.
 */
public interface ReplicationPath {

  /** Starts both pipelines for {@code job}; closing the result stops them. */
  AutoCloseable start(ReplicationJob job) throws Exception;

  /**
   * Both pipelines as {@code rr launch --runner direct} starts them, with {@code
   * extraReaderParameters} and {@code extraWriterParameters} added to their options.
   */
  static Optional<ReplicationPath> production(
      Map<String, String> extraReaderParameters, Map<String, String> extraWriterParameters) {
    return Optional.of(new DirectReplicationPath(extraReaderParameters, extraWriterParameters));
  }
}
