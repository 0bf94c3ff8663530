package dev.rr.common.metadata;

import com.google.cloud.Timestamp;
import java.io.Serializable;
import java.util.Objects;

/**
 * The writer's progress on one shard of one run: a row of {@code shard_file_process_progress}.
 *
 * @param runId the run identifier
 * @param shard logical shard id
 * @param processedUpto end of the last window applied in full: every change committed before it
 *     is in the shard (the run's start timestamp until the first window is applied)
 * @param status the shard's state
 * @param lastCommitTimestamp commit timestamp of the last applied change, null before the first
 * @param lastServerTransactionId server transaction id of the last applied change, null before
 * @param lagSeconds seconds from {@code lastCommitTimestamp} to when it was applied, null before
 *     the first change
 * @param recordsApplied change records applied to the shard in this run so far
 * @param error text of the latest error, null when none
 * @param errorRecord the change record (buffer JSON line) that caused a permanent error, or null
 * @param updatedAt commit time of the stored row; null in a value not read from the table (it is
 *     ignored on write: the commit timestamp is stored)
 */
public record ShardProgress(
    String runId,
    String shard,
    Timestamp processedUpto,
    ShardStatus status,
    Timestamp lastCommitTimestamp,
    String lastServerTransactionId,
    Double lagSeconds,
    long recordsApplied,
    String error,
    String errorRecord,
    Timestamp updatedAt)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ShardProgress {
    requireText(runId, "runId");
    requireText(shard, "shard");
    Objects.requireNonNull(processedUpto, "processedUpto");
    Objects.requireNonNull(status, "status");
    if (recordsApplied < 0) {
      throw new IllegalArgumentException("recordsApplied " + recordsApplied + " is negative");
    }
    if (lagSeconds != null && (lagSeconds.isNaN() || lagSeconds.isInfinite())) {
      throw new IllegalArgumentException("lagSeconds " + lagSeconds + " is not a finite number");
    }
  }

  /** A builder; runId, shard, processedUpto and status are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value, e.g. to record the next window. */
  public Builder toBuilder() {
    return new Builder()
        .runId(runId)
        .shard(shard)
        .processedUpto(processedUpto)
        .status(status)
        .lastCommitTimestamp(lastCommitTimestamp)
        .lastServerTransactionId(lastServerTransactionId)
        .lagSeconds(lagSeconds)
        .recordsApplied(recordsApplied)
        .error(error)
        .errorRecord(errorRecord)
        .updatedAt(updatedAt);
  }

  static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  /** Builds a {@link ShardProgress}; unset optional fields are null (recordsApplied 0). */
  public static final class Builder {
    private String runId;
    private String shard;
    private Timestamp processedUpto;
    private ShardStatus status;
    private Timestamp lastCommitTimestamp;
    private String lastServerTransactionId;
    private Double lagSeconds;
    private long recordsApplied;
    private String error;
    private String errorRecord;
    private Timestamp updatedAt;

    private Builder() {}

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder shard(String shard) {
      this.shard = shard;
      return this;
    }

    public Builder processedUpto(Timestamp processedUpto) {
      this.processedUpto = processedUpto;
      return this;
    }

    public Builder status(ShardStatus status) {
      this.status = status;
      return this;
    }

    public Builder lastCommitTimestamp(Timestamp lastCommitTimestamp) {
      this.lastCommitTimestamp = lastCommitTimestamp;
      return this;
    }

    public Builder lastServerTransactionId(String lastServerTransactionId) {
      this.lastServerTransactionId = lastServerTransactionId;
      return this;
    }

    public Builder lagSeconds(Double lagSeconds) {
      this.lagSeconds = lagSeconds;
      return this;
    }

    public Builder recordsApplied(long recordsApplied) {
      this.recordsApplied = recordsApplied;
      return this;
    }

    public Builder error(String error) {
      this.error = error;
      return this;
    }

    public Builder errorRecord(String errorRecord) {
      this.errorRecord = errorRecord;
      return this;
    }

    public Builder updatedAt(Timestamp updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** The value; fails naming the first missing or invalid field. */
    public ShardProgress build() {
      return new ShardProgress(
          runId,
          shard,
          processedUpto,
          status,
          lastCommitTimestamp,
          lastServerTransactionId,
          lagSeconds,
          recordsApplied,
          error,
          errorRecord,
          updatedAt);
    }
  }
}
