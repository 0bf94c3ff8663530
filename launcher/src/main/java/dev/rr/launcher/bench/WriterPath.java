package dev.rr.launcher.bench;

import dev.rr.common.config.WriterConfigBuilder;
import dev.rr.common.input.Shard;
import java.util.Optional;

/**
 * The writer under test ("ours"): the production path from one shard's window files to its MySQL
 * database - streaming the files, grouping Spanner transactions, building DML with the dialect
 * and committing it together with the shard checkpoint. The benchmarks only time it and check
 * its result; everything it does is the writer's own code.
 */
public interface WriterPath {

  /**
   * Applies every window of {@code shard} in {@code job} and returns when done. Called
   * concurrently for different shards, as the pipeline runs shards in parallel.
   */
  void applyShard(WriterJob job, Shard shard) throws Exception;

  /** The writer's shard worker, as its pipeline runs it ({@link ShardWorkerPath}). */
  static Optional<WriterPath> production() {
    return Optional.of(new ShardWorkerPath(WriterConfigBuilder.DEFAULT_BATCH_SIZE));
  }

  /** The same with another {@code batchSize} (records per MySQL transaction). */
  static Optional<WriterPath> production(int batchSize) {
    return Optional.of(new ShardWorkerPath(batchSize));
  }
}
