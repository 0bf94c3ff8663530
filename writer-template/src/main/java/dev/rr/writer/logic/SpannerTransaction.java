package dev.rr.writer.logic;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import java.util.List;
import java.util.Objects;

/**
 * The records of one committed Spanner transaction for one shard, in commit order. The writer
 * applies a transaction whole or not at all.
 *
 * @param commitTimestamp the transaction's commit timestamp
 * @param serverTransactionId Spanner's id of the transaction
 * @param records its records (at least one), in file order
 */
public record SpannerTransaction(
    Timestamp commitTimestamp, String serverTransactionId, List<ChangeRecord> records) {

  public SpannerTransaction {
    Objects.requireNonNull(commitTimestamp, "commitTimestamp");
    Objects.requireNonNull(serverTransactionId, "serverTransactionId");
    records = List.copyOf(records);
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a transaction has at least one record");
    }
  }

  /** True when {@code record} belongs to this transaction. */
  public boolean contains(ChangeRecord record) {
    return commitTimestamp.equals(record.commitTimestamp())
        && serverTransactionId.equals(record.serverTransactionId());
  }

  public int size() {
    return records.size();
  }
}
