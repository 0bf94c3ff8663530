package dev.rr.launcher.check;

/** Live counters of a {@link RandomTransactions} run; read from any thread. */
public final class GeneratorStats {
  private long transactions;
  private long mutations;
  private long inserted;
  private long updated;
  private long deleted;
  private long moved;
  private long large;
  private long idleGaps;

  synchronized void committed(int mutationCount) {
    transactions++;
    mutations += mutationCount;
  }

  synchronized void inserted(int rows) {
    inserted += rows;
  }

  synchronized void updated(int rows) {
    updated += rows;
  }

  synchronized void deleted(int rows) {
    deleted += rows;
  }

  synchronized void moved(int rows) {
    moved += rows;
  }

  synchronized void large() {
    large++;
  }

  synchronized void paused(boolean idle) {
    if (idle) {
      idleGaps++;
    }
  }

  public synchronized long transactions() {
    return transactions;
  }

  @Override
  public synchronized String toString() {
    return transactions + " transactions (" + large + " large, " + idleGaps + " idle gaps), "
        + mutations + " mutations: " + inserted + " inserted, " + updated + " updated, "
        + deleted + " deleted" + (moved == 0 ? "" : ", " + moved + " moved to another shard");
  }
}
