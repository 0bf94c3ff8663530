package dev.rr.launcher.bench;

import java.util.Optional;

/**
 * Replication under test for the lag benchmark: the reader and the writer pipelines running
 * continuously on the DirectRunner, as {@code rr launch --runner direct} runs them.
 */
public interface ReplicationPath {

  /** Starts both pipelines for {@code job}; closing the result stops them. */
  AutoCloseable start(ReplicationJob job) throws Exception;

  /**
   * Both pipelines, once the reader and writer modules provide them; empty until then, and the
   * lag benchmark then reports itself as pending.
   */
  static Optional<ReplicationPath> production() {
    return Optional.empty();
  }
}
