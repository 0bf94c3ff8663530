package dev.rr.common.mysql.checkpoint;

import java.sql.SQLTransientException;

/**
 * The checkpoint was not where the writer's transaction read it when that transaction went to
 * move it: another writer of the shard moved it first (or the row is gone). The caller must roll
 * back. Transient, with SQLState {@value #SERIALIZATION_FAILURE} like any serialization failure:
 * applying again reads the new checkpoint and skips what the other writer applied.
 */
public class CheckpointConflictException extends SQLTransientException {
  private static final long serialVersionUID = 1L;

  /** SQLState of a serialization failure (class 40, transaction rollback). */
  public static final String SERIALIZATION_FAILURE = "40001";

  public CheckpointConflictException(String message) {
    super(message, SERIALIZATION_FAILURE);
  }
}
