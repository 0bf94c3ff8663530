package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.MappedChange;
import java.util.Objects;
import java.util.Optional;

/**
 * The net change to one source row inside a batch: the change to write, and, for a row deleted
 * and inserted again, the delete that must run first. Remembers the last change record that
 * contributed, to name it when MySQL rejects the row.
 *
 * @param deleteFirst a delete of the row that must run before {@code change}, or null
 * @param change the row's final change: an upsert or a delete
 * @param lastRecord the last change record merged into this row change
 */
public record RowChange(MappedChange deleteFirst, MappedChange change, ChangeRecord lastRecord) {

  public RowChange {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(lastRecord, "lastRecord");
    if (deleteFirst != null && (!deleteFirst.isDelete() || change.isDelete())) {
      throw new IllegalArgumentException("deleteFirst is a delete followed by an upsert");
    }
  }

  /** A row change from one record. */
  public static RowChange of(MappedChange change, ChangeRecord record) {
    return new RowChange(null, change, record);
  }

  /** The source row. */
  public MappedChange.RowKey rowKey() {
    return change.rowKey();
  }

  /** True when the row is deleted and inserted again: two statements, delete first. */
  public boolean isReplace() {
    return deleteFirst != null;
  }

  /** True when the row ends deleted. */
  public boolean isDelete() {
    return change.isDelete();
  }

  /** True when any delete runs for this row (a final delete or the delete of a replace). */
  public boolean deletes() {
    return isDelete() || isReplace();
  }

  /** The delete statement's change, when this row change deletes. */
  public Optional<MappedChange> deletion() {
    return isReplace() ? Optional.of(deleteFirst) : isDelete() ? Optional.of(change) : Optional.empty();
  }

  /**
   * This row change followed by {@code later} (same row): a delete followed by an upsert becomes
   * a replace, everything else merges into one change.
   */
  public RowChange then(RowChange later) {
    if (later.isReplace() || later.isDelete()) {
      // A delete wipes out whatever happened to the row before it.
      return later;
    }
    if (isDelete()) {
      return new RowChange(change, later.change, later.lastRecord);
    }
    MappedChange merged =
        change
            .then(later.change)
            .orElseThrow(() -> new IllegalStateException("two upserts always merge"));
    return new RowChange(deleteFirst, merged, later.lastRecord);
  }
}
