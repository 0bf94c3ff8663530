package dev.rr.writer.logic;

import dev.rr.common.mysql.MappedChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The net changes of one or more whole Spanner transactions, merged per source row, to be written
 * with few multi-row statements inside one MySQL transaction.
 *
 * <p>Only the state after the batch is visible once the MySQL transaction commits, so later
 * changes of a row replace earlier ones, and statements may run in any order that MySQL's
 * immediate constraint checks accept. The order used ({@link BatchStatements}): upserts parents
 * first, then deletes children first. That order is valid when every transaction of the batch
 * left a consistent state and the batch holds no row that is deleted and inserted again. A
 * transaction that would break this does not join the batch ({@link #accepts}); the caller writes
 * the batch first and starts a new one with it.
 *
 * <p>A single transaction can still delete and re-insert rows (Spanner checks constraints at
 * commit only). Such a batch is {@link #deletesFirst()}: deletes children first, then upserts
 * parents first; it takes no further transaction.
 */
public final class ChangeBatch {
  private final SourceConstraints constraints;
  private final Map<String, TableChanges> tables = new LinkedHashMap<>();
  private boolean deletesFirst;
  private int records;
  private int transactions;

  public ChangeBatch(SourceConstraints constraints) {
    this.constraints = constraints;
  }

  /** The net changes of one transaction's row changes, in commit order. */
  public static ChangeBatch ofTransaction(
      SourceConstraints constraints, List<RowChange> changes, int records) {
    ChangeBatch batch = new ChangeBatch(constraints);
    for (RowChange change : changes) {
      TableChanges table = batch.table(change.change().sourceTable());
      boolean newKey = !table.rows.containsKey(change.rowKey());
      if (newKey && !change.isDelete() && table.hasDeletes()
          && !constraints.isReorderSafe(table.name)) {
        // An upsert after a delete of another key of a table where the two might collide.
        batch.deletesFirst = true;
      }
      table.merge(change);
      batch.deletesFirst |= table.rows.get(change.rowKey()).isReplace();
    }
    batch.records = records;
    batch.transactions = 1;
    return batch;
  }

  /**
   * True when {@code transaction} (one transaction's net changes) can join this batch without
   * changing the outcome: see the class comment.
   */
  public boolean accepts(ChangeBatch transaction) {
    if (isEmpty()) {
      return true;
    }
    if (deletesFirst || transaction.deletesFirst) {
      return false;
    }
    for (TableChanges incoming : transaction.tables.values()) {
      TableChanges pending = tables.get(incoming.name);
      if (pending == null) {
        continue;
      }
      boolean ordered = constraints.isOrdered(incoming.name);
      boolean reorderSafe = constraints.isReorderSafe(incoming.name);
      for (RowChange change : incoming.rows.values()) {
        RowChange earlier = pending.rows.get(change.rowKey());
        if (earlier != null) {
          if (ordered || (earlier.isDelete() && !change.isDelete())) {
            return false;
          }
        } else if (!change.isDelete() && pending.hasDeletes() && !reorderSafe) {
          return false;
        }
      }
    }
    return true;
  }

  /** Adds a transaction that {@link #accepts} accepted (or any, to an empty batch). */
  public void add(ChangeBatch transaction) {
    if (!accepts(transaction)) {
      throw new IllegalArgumentException("the transaction does not fit this batch");
    }
    for (TableChanges incoming : transaction.tables.values()) {
      TableChanges table = table(incoming.name);
      incoming.rows.values().forEach(table::merge);
    }
    deletesFirst |= transaction.deletesFirst;
    records += transaction.records;
    transactions += transaction.transactions;
  }

  /** True when this batch must be written before any other transaction joins it. */
  public boolean deletesFirst() {
    return deletesFirst;
  }

  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /** Change records merged into this batch. */
  public int records() {
    return records;
  }

  /** Spanner transactions merged into this batch. */
  public int transactions() {
    return transactions;
  }

  /** Distinct source rows the batch writes. */
  public int rows() {
    int rows = 0;
    for (TableChanges table : tables.values()) {
      rows += table.rows.size();
    }
    return rows;
  }

  /** The tables in the order they were first changed, each with its row changes. */
  Collection<TableChanges> tables() {
    return tables.values();
  }

  /** Tables sorted for upserts: parents first, then first change. */
  List<TableChanges> tablesForUpserts() {
    List<TableChanges> sorted = new ArrayList<>(tables.values());
    sorted.sort(Comparator.comparingInt(t -> constraints.rank(t.name)));
    return sorted;
  }

  /** Tables sorted for deletes: children first, then first change. */
  List<TableChanges> tablesForDeletes() {
    List<TableChanges> sorted = new ArrayList<>(tables.values());
    sorted.sort(Comparator.comparingInt(t -> -constraints.rank(t.name)));
    return sorted;
  }

  /** Whether rows of {@code table} keep their commit order inside a statement. */
  boolean isOrdered(String table) {
    return constraints.isOrdered(table);
  }

  private TableChanges table(String name) {
    return tables.computeIfAbsent(name, TableChanges::new);
  }

  /** The net row changes of one source table, in the order rows were first changed. */
  static final class TableChanges {
    final String name;
    final Map<MappedChange.RowKey, RowChange> rows = new LinkedHashMap<>();
    private int deletes;

    TableChanges(String name) {
      this.name = name;
    }

    void merge(RowChange change) {
      RowChange earlier = rows.get(change.rowKey());
      RowChange merged = earlier == null ? change : earlier.then(change);
      if (earlier != null && earlier.deletes()) {
        deletes--;
      }
      if (merged.deletes()) {
        deletes++;
      }
      rows.put(change.rowKey(), merged);
    }

    boolean hasDeletes() {
      return deletes > 0;
    }
  }
}
