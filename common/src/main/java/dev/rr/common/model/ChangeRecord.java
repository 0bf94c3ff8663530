package dev.rr.common.model;

import com.google.cloud.Timestamp;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * One row change (one mod) of one committed Spanner transaction, as the reader writes it to the
 * buffer and the writer applies it.
 *
 * <p>The {@code *Json} fields keep Spanner's change-stream JSON encoding: INT64 and NUMERIC as
 * strings, BYTES as base64, TIMESTAMP as RFC 3339, keyed by Spanner column name. {@code shard} is
 * null until the record has been routed.
 *
 * @param commitTimestamp commit time of the Spanner transaction
 * @param serverTransactionId Spanner's id of the transaction; equal for all its records
 * @param recordSequence the change record's sequence within the transaction and partition
 * @param modIndex position of this mod within its change record
 * @param tableName Spanner table name
 * @param modType kind of change
 * @param keysJson primary-key columns of the row
 * @param oldValuesJson old values (empty object {@code {}} when the stream does not capture them)
 * @param newValuesJson new values ({@code {}} for deletes)
 * @param numberOfRecordsInTransaction change records in the whole transaction (all tables)
 * @param transactionTag the transaction tag, empty when none
 * @param shard logical shard id, null before routing
 */
public record ChangeRecord(
    Timestamp commitTimestamp,
    String serverTransactionId,
    String recordSequence,
    int modIndex,
    String tableName,
    ModType modType,
    String keysJson,
    String oldValuesJson,
    String newValuesJson,
    long numberOfRecordsInTransaction,
    String transactionTag,
    String shard)
    implements Serializable {

  /**
   * Commit order: (commitTimestamp, serverTransactionId, recordSequence, modIndex). Buffer files
   * are sorted by it and the writer applies records in it.
   */
  public static final Comparator<ChangeRecord> ORDERING =
      Comparator.comparing(ChangeRecord::commitTimestamp)
          .thenComparing(ChangeRecord::serverTransactionId)
          .thenComparing(ChangeRecord::recordSequence)
          .thenComparingInt(ChangeRecord::modIndex);

  public ChangeRecord {
    Objects.requireNonNull(commitTimestamp, "commitTimestamp");
    Objects.requireNonNull(serverTransactionId, "serverTransactionId");
    Objects.requireNonNull(recordSequence, "recordSequence");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(modType, "modType");
    keysJson = keysJson == null ? "{}" : keysJson;
    oldValuesJson = oldValuesJson == null ? "{}" : oldValuesJson;
    newValuesJson = newValuesJson == null ? "{}" : newValuesJson;
    transactionTag = transactionTag == null ? "" : transactionTag;
  }

  /** The same change routed to {@code logicalShardId}. */
  public ChangeRecord withShard(String logicalShardId) {
    return new ChangeRecord(
        commitTimestamp,
        serverTransactionId,
        recordSequence,
        modIndex,
        tableName,
        modType,
        keysJson,
        oldValuesJson,
        newValuesJson,
        numberOfRecordsInTransaction,
        transactionTag,
        logicalShardId);
  }

  /** A builder, for readable construction in code and tests. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link ChangeRecord}; required fields are checked by the record constructor. */
  public static final class Builder {
    private Timestamp commitTimestamp;
    private String serverTransactionId;
    private String recordSequence = "00000000";
    private int modIndex;
    private String tableName;
    private ModType modType;
    private String keysJson = "{}";
    private String oldValuesJson = "{}";
    private String newValuesJson = "{}";
    private long numberOfRecordsInTransaction = 1;
    private String transactionTag = "";
    private String shard;

    private Builder() {}

    public Builder commitTimestamp(Timestamp value) {
      this.commitTimestamp = value;
      return this;
    }

    public Builder serverTransactionId(String value) {
      this.serverTransactionId = value;
      return this;
    }

    public Builder recordSequence(String value) {
      this.recordSequence = value;
      return this;
    }

    public Builder modIndex(int value) {
      this.modIndex = value;
      return this;
    }

    public Builder tableName(String value) {
      this.tableName = value;
      return this;
    }

    public Builder modType(ModType value) {
      this.modType = value;
      return this;
    }

    public Builder keysJson(String value) {
      this.keysJson = value;
      return this;
    }

    public Builder oldValuesJson(String value) {
      this.oldValuesJson = value;
      return this;
    }

    public Builder newValuesJson(String value) {
      this.newValuesJson = value;
      return this;
    }

    public Builder numberOfRecordsInTransaction(long value) {
      this.numberOfRecordsInTransaction = value;
      return this;
    }

    public Builder transactionTag(String value) {
      this.transactionTag = value;
      return this;
    }

    public Builder shard(String value) {
      this.shard = value;
      return this;
    }

    public ChangeRecord build() {
      return new ChangeRecord(
          commitTimestamp,
          serverTransactionId,
          recordSequence,
          modIndex,
          tableName,
          modType,
          keysJson,
          oldValuesJson,
          newValuesJson,
          numberOfRecordsInTransaction,
          transactionTag,
          shard);
    }
  }
}
