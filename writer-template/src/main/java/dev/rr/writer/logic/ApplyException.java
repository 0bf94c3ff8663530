package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import java.util.Optional;

/**
 * Applying a window failed. Transient failures are retried from the checkpoint; a permanent one
 * stops the shard and names the record that caused it when it is known.
 */
public class ApplyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorClass errorClass;
  private final transient ChangeRecord record;
  private final transient Checkpoint committed;

  public ApplyException(String message, ErrorClass errorClass, ChangeRecord record, Throwable cause) {
    this(message, errorClass, record, cause, null);
  }

  private ApplyException(
      String message,
      ErrorClass errorClass,
      ChangeRecord record,
      Throwable cause,
      Checkpoint committed) {
    super(message, cause);
    this.errorClass = errorClass;
    this.record = record;
    this.committed = committed;
  }

  /** The same failure, noting the checkpoint committed before it (null when none). */
  ApplyException afterCommitting(Checkpoint checkpoint) {
    if (checkpoint == null) {
      return this;
    }
    return new ApplyException(getMessage(), errorClass, record, getCause(), checkpoint);
  }

  /** The checkpoint the same apply call committed before failing, if any. */
  public Optional<Checkpoint> committed() {
    return Optional.ofNullable(committed);
  }

  public ErrorClass errorClass() {
    return errorClass;
  }

  public boolean isTransient() {
    return errorClass == ErrorClass.TRANSIENT;
  }

  /** The change record MySQL (or the mapping) rejected, when known. */
  public Optional<ChangeRecord> record() {
    return Optional.ofNullable(record);
  }
}
