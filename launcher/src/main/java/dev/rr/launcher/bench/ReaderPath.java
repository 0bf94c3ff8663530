package dev.rr.launcher.bench;

import java.util.Optional;

/**
 * The reader under test ("ours"): the reader pipeline on the DirectRunner, from the change stream
 * to window files. The benchmark only times it and checks the files it wrote.
 */
public interface ReaderPath {

  /** Runs the reader over the job's bounded span and returns when the pipeline has finished. */
  void runBounded(ReaderJob job) throws Exception;

  /** The reader pipeline as {@code rr launch --runner direct} starts it. */
  static Optional<ReaderPath> production() {
    return Optional.of(new DirectReaderPath());
  }
}
