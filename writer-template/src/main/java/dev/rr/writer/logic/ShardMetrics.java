package dev.rr.writer.logic;

import dev.rr.writer.logic.ChangeMapper.SkipReason;

/** What one shard's worker counts; the pipeline reports it as Beam metrics. */
public interface ShardMetrics {

  /** A window file was opened for applying. */
  void fileRead();

  /** Records read from window files (including those a checkpoint already covers). */
  void recordsRead(long count);

  /** Records whose change was committed to the shard. */
  void recordsProcessed(long count);

  /** Records a checkpoint already covered, so not applied again. */
  void recordsAlreadyApplied(long count);

  /** Records not written, kept in the directory of {@code reason}. */
  void recordsSkipped(SkipReason reason, long count);

  /** Seconds from a transaction's commit in Spanner to its commit in the shard. */
  void replicationLagSeconds(long seconds);

  /** The shard waited for the reader to finish a window. */
  void fileCreateLagRetry();

  /** A MySQL transaction was rolled back for a transient error and will be retried. */
  void mySqlRetry();

  /** A permanent error stopped the shard. */
  void shardFailed();

  /** Counts nothing. */
  static ShardMetrics none() {
    return new ShardMetrics() {
      @Override
      public void fileRead() {}

      @Override
      public void recordsRead(long count) {}

      @Override
      public void recordsProcessed(long count) {}

      @Override
      public void recordsAlreadyApplied(long count) {}

      @Override
      public void recordsSkipped(SkipReason reason, long count) {}

      @Override
      public void replicationLagSeconds(long seconds) {}

      @Override
      public void fileCreateLagRetry() {}

      @Override
      public void mySqlRetry() {}

      @Override
      public void shardFailed() {}
    };
  }
}
