package dev.rr.launcher.workload;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running {@link Workload}, safe to read from another thread (progress lines). */
public final class WorkloadStats {
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong inserts = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong transfers = new AtomicLong();

  void committed(int inserted, int updated, int deleted, boolean transfer) {
    transactions.incrementAndGet();
    inserts.addAndGet(inserted);
    updates.addAndGet(updated);
    deletes.addAndGet(deleted);
    if (transfer) {
      transfers.incrementAndGet();
    }
  }

  public long transactions() {
    return transactions.get();
  }

  /** Row writes (inserts + updates + explicit deletes) committed so far. */
  public long rowsWritten() {
    return inserts.get() + updates.get() + deletes.get();
  }

  public long inserts() {
    return inserts.get();
  }

  public long updates() {
    return updates.get();
  }

  public long deletes() {
    return deletes.get();
  }

  public long transfers() {
    return transfers.get();
  }

  @Override
  public String toString() {
    return transactions() + " transactions (" + inserts() + " inserts, " + updates() + " updates, "
        + deletes() + " deletes, " + transfers() + " transfers)";
  }
}
