package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.writer.logic.ChangeMapper.SkipReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Consecutive mapped Spanner transactions meant for one MySQL transaction, with their merged
 * changes and the statements that write them built ahead ({@link BatchWriter#plan}), on the
 * thread that reads and maps, while the previous group is being written.
 *
 * <p>The plan is only a proposal: the applying thread uses it when the checkpoint it locked
 * covers none of the group's transactions, and otherwise goes through the transactions one by
 * one as if nothing had been built ahead.
 *
 * @param transactions the transactions, in commit order
 * @param plan the statements writing all of them, or null when one could not be mapped or
 *     planning failed (the applying thread then meets the same failure where it always did)
 * @param skipped the records the transactions do not write, by reason, in commit order; null
 *     with {@code plan}
 * @param written records whose change the plan writes
 */
record PreparedGroup(
    List<PreparedTransaction> transactions,
    BatchWriter.Plan plan,
    Map<SkipReason, List<ChangeRecord>> skipped,
    long written) {

  /** Groups {@code source}'s transactions, in order, until each group holds a whole batch. */
  static Iterator<PreparedGroup> grouping(Iterator<PreparedTransaction> source, int batchSize,
      SourceConstraints constraints, BatchWriter writer) {
    return new Grouping(source, batchSize, constraints, writer);
  }

  private static PreparedGroup of(
      List<PreparedTransaction> transactions, SourceConstraints constraints, BatchWriter writer) {
    PreparedGroup unplanned = new PreparedGroup(transactions, null, null, 0);
    if (transactions.stream().anyMatch(transaction -> transaction.failure() != null)) {
      return unplanned;
    }
    try {
      ChangeBatch batch = new ChangeBatch(constraints);
      Map<SkipReason, List<ChangeRecord>> skipped = new EnumMap<>(SkipReason.class);
      long written = 0;
      for (PreparedTransaction transaction : transactions) {
        batch.add(transaction.changes());
        transaction.skipped().forEach((reason, records) ->
            skipped.computeIfAbsent(reason, r -> new ArrayList<>()).addAll(records));
        written += transaction.written();
      }
      return new PreparedGroup(transactions, writer.plan(batch, false), skipped, written);
    } catch (RuntimeException e) {
      // Whatever merging or building the statements throws is thrown again where the applying
      // thread merges and writes the transactions the checkpoint does not cover.
      return unplanned;
    }
  }

  /**
   * Groups transactions; a failure of the source after some transactions of a group ends the
   * group there and is thrown by the next {@link #hasNext}, so nothing read before it is lost.
   */
  private static final class Grouping implements Iterator<PreparedGroup> {
    private final Iterator<PreparedTransaction> source;
    private final int batchSize;
    private final SourceConstraints constraints;
    private final BatchWriter writer;
    private RuntimeException deferred;

    Grouping(Iterator<PreparedTransaction> source, int batchSize, SourceConstraints constraints,
        BatchWriter writer) {
      this.source = source;
      this.batchSize = batchSize;
      this.constraints = constraints;
      this.writer = writer;
    }

    @Override
    public boolean hasNext() {
      if (deferred != null) {
        RuntimeException failure = deferred;
        deferred = null;
        throw failure;
      }
      return source.hasNext();
    }

    @Override
    public PreparedGroup next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more transactions");
      }
      List<PreparedTransaction> transactions = new ArrayList<>();
      long records = 0;
      try {
        do {
          PreparedTransaction transaction = source.next();
          transactions.add(transaction);
          records += transaction.size();
        } while (records < batchSize && source.hasNext());
      } catch (RuntimeException e) {
        if (transactions.isEmpty()) {
          throw e;
        }
        deferred = e;
      }
      return of(transactions, constraints, writer);
    }
  }
}
