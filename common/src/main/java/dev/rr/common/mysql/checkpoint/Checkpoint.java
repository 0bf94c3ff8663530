package dev.rr.common.mysql.checkpoint;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How far the writer has applied one shard of one run: the last applied window and the last
 * applied Spanner transaction, written in the same MySQL transaction as the changes it covers.
 *
 * <p>Window bounds are kept with microsecond precision (what the table stores). Before any
 * transaction has been applied, use {@link Timestamp#MIN_VALUE} and an empty transaction id.
 *
 * @param runId the run identifier
 * @param shard logical shard id
 * @param windowStart start of the last window applied (inclusive)
 * @param windowEnd end of the last window applied (exclusive)
 * @param commitTimestamp commit timestamp of the last applied transaction
 * @param serverTransactionId server transaction id of the last applied transaction
 * @param recordsApplied change records applied for this shard in this run, in total
 */
public record Checkpoint(
    String runId,
    String shard,
    Instant windowStart,
    Instant windowEnd,
    Timestamp commitTimestamp,
    String serverTransactionId,
    long recordsApplied)
    implements Serializable {

  public Checkpoint {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(shard, "shard");
    windowStart = Objects.requireNonNull(windowStart, "windowStart").truncatedTo(ChronoUnit.MICROS);
    windowEnd = Objects.requireNonNull(windowEnd, "windowEnd").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(commitTimestamp, "commitTimestamp");
    Objects.requireNonNull(serverTransactionId, "serverTransactionId");
    if (windowEnd.isBefore(windowStart)) {
      throw new IllegalArgumentException(
          "checkpoint windowEnd " + windowEnd + " is before windowStart " + windowStart);
    }
    if (recordsApplied < 0) {
      throw new IllegalArgumentException("checkpoint recordsApplied is negative: " + recordsApplied);
    }
  }

  /**
   * True when {@code record} has already been applied: its (commitTimestamp, serverTransactionId)
   * is at or before this checkpoint's in {@link ChangeRecord#ORDERING}. Spanner transactions are
   * applied whole, so every record of the checkpointed transaction is covered.
   */
  public boolean covers(ChangeRecord record) {
    return covers(record.commitTimestamp(), record.serverTransactionId());
  }

  /** True when the transaction at ({@code commit}, {@code transactionId}) has been applied. */
  public boolean covers(Timestamp commit, String transactionId) {
    int byTime = commit.compareTo(commitTimestamp);
    return byTime < 0 || (byTime == 0 && transactionId.compareTo(serverTransactionId) <= 0);
  }
}
