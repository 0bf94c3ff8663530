package dev.rr.launcher.bench;

import java.util.Optional;

/**
 * The reader under test ("ours"): the reader pipeline on the DirectRunner, from the change stream
 * to window files. The benchmark only times it and checks the files it wrote.
 */
public interface ReaderPath {

  /** Runs the reader over the job's bounded span and returns when the pipeline has finished. */
  void runBounded(ReaderJob job) throws Exception;

  /**
   * The reader pipeline, once the reader module provides it; empty until then, and the benchmark
   * then reports "ours" as pending.
   */
  static Optional<ReaderPath> production() {
    return Optional.empty();
  }
}
