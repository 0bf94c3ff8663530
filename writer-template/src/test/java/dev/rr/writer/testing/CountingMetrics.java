package dev.rr.writer.testing;

import dev.rr.writer.logic.ChangeMapper.SkipReason;
import dev.rr.writer.logic.ShardMetrics;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what a worker reports. */
public final class CountingMetrics implements ShardMetrics {
  public final AtomicLong filesRead = new AtomicLong();
  public final AtomicLong recordsRead = new AtomicLong();
  public final AtomicLong recordsProcessed = new AtomicLong();
  /** Calls of {@link #recordsProcessed}: one per committed MySQL transaction. */
  public final AtomicLong mySqlCommits = new AtomicLong();
  public final AtomicLong recordsAlreadyApplied = new AtomicLong();
  public final AtomicLong recordsSkipped = new AtomicLong();
  public final AtomicLong lagUpdates = new AtomicLong();
  public final AtomicLong createLagRetries = new AtomicLong();
  public final AtomicLong mySqlRetries = new AtomicLong();
  public final AtomicLong failures = new AtomicLong();

  @Override
  public void fileRead() {
    filesRead.incrementAndGet();
  }

  @Override
  public void recordsRead(long count) {
    recordsRead.addAndGet(count);
  }

  @Override
  public void recordsProcessed(long count) {
    recordsProcessed.addAndGet(count);
    mySqlCommits.incrementAndGet();
  }

  @Override
  public void recordsAlreadyApplied(long count) {
    recordsAlreadyApplied.addAndGet(count);
  }

  @Override
  public void recordsSkipped(SkipReason reason, long count) {
    recordsSkipped.addAndGet(count);
  }

  @Override
  public void replicationLagSeconds(long seconds) {
    lagUpdates.incrementAndGet();
  }

  @Override
  public void fileCreateLagRetry() {
    createLagRetries.incrementAndGet();
  }

  @Override
  public void mySqlRetry() {
    mySqlRetries.incrementAndGet();
  }

  @Override
  public void shardFailed() {
    failures.incrementAndGet();
  }
}
