package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Groups a stream of records in commit order into Spanner transactions: consecutive records with
 * the same commit timestamp and server transaction id. Holds one transaction in memory at a time
 * (Spanner bounds a transaction's size), never the whole file.
 */
public final class TransactionGrouper implements Iterator<SpannerTransaction> {
  private final Iterator<ChangeRecord> records;
  private ChangeRecord lookahead;

  public TransactionGrouper(Iterator<ChangeRecord> records) {
    this.records = records;
  }

  @Override
  public boolean hasNext() {
    return lookahead != null || records.hasNext();
  }

  @Override
  public SpannerTransaction next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more transactions");
    }
    ChangeRecord first = lookahead != null ? lookahead : records.next();
    lookahead = null;
    List<ChangeRecord> group = new ArrayList<>();
    group.add(first);
    while (records.hasNext()) {
      ChangeRecord record = records.next();
      if (record.commitTimestamp().equals(first.commitTimestamp())
          && record.serverTransactionId().equals(first.serverTransactionId())) {
        group.add(record);
      } else {
        lookahead = record;
        break;
      }
    }
    return new SpannerTransaction(first.commitTimestamp(), first.serverTransactionId(), group);
  }
}
