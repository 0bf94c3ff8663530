package dev.rr.launcher.bench;

import java.util.Optional;

/**
 * The writer under test ("ours"): the production path from window files to MySQL - streaming
 * the files, grouping Spanner transactions, building DML with the dialect and committing it with
 * the shard checkpoint in the same MySQL transaction. The benchmarks only time it and check its
 * result; everything it does is the writer's own code.
 */
public interface WriterPath {

  /** Applies every window of every shard of {@code job}, shards in parallel; returns when done. */
  void apply(WriterJob job) throws Exception;

  /**
   * The writer's shard applier, once the writer module provides it; empty until then, and the
   * benchmarks then report "ours" as pending instead of a number.
   */
  static Optional<WriterPath> production() {
    return Optional.empty();
  }
}
