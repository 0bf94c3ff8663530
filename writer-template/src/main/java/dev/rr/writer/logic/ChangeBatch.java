package dev.rr.writer.logic;

import dev.rr.common.mysql.MappedChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The net changes of one or more whole Spanner transactions, merged per source row, to be written
 * with few multi-row statements inside one MySQL transaction.
 *
 * <p>Only the state after the batch is visible once the MySQL transaction commits, so later
 * changes of a row replace earlier ones, and any run of whole transactions merges into one batch:
 * each source row ends with one net change (a delete, a write, or a delete followed by a write).
 * The batch is written in one fixed order, {@link BatchStatements}'s: every delete first, then
 * every write. That order reaches the state after the last transaction whatever the transactions
 * did, because MySQL checks nothing along the way that Spanner had not checked at commit: foreign
 * keys are not checked while applying ({@link BatchWriter}), rows of tables with a UNIQUE
 * secondary index are rewritten after all deletes ({@link UniqueKeyRewrite}), and two Spanner
 * keys that one MySQL collation compares equal ({@code 'a'} and {@code 'a '} under PAD SPACE,
 * {@code 'a'} and {@code 'A'}) are deleted before either is written.
 */
public final class ChangeBatch {
  private final SourceConstraints constraints;
  private final Map<String, TableChanges> tables = new LinkedHashMap<>();
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
      batch.table(change.change().sourceTable()).merge(change);
    }
    batch.records = records;
    batch.transactions = 1;
    return batch;
  }

  /** Adds a later transaction's net changes (made by {@link #ofTransaction}). */
  public void add(ChangeBatch transaction) {
    for (TableChanges incoming : transaction.tables.values()) {
      TableChanges table = table(incoming.name);
      incoming.rows.values().forEach(table::merge);
    }
    records += transaction.records;
    transactions += transaction.transactions;
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

  /** The stored columns of {@code table} when it has a UNIQUE secondary index. */
  Optional<List<SourceConstraints.StoredColumn>> uniqueTableColumns(String table) {
    return constraints.uniqueTableColumns(table);
  }

  private TableChanges table(String name) {
    return tables.computeIfAbsent(name, TableChanges::new);
  }

  /** The net row changes of one source table, in the order rows were first changed. */
  static final class TableChanges {
    final String name;
    final Map<MappedChange.RowKey, RowChange> rows = new LinkedHashMap<>();

    TableChanges(String name) {
      this.name = name;
    }

    void merge(RowChange change) {
      RowChange earlier = rows.get(change.rowKey());
      rows.put(change.rowKey(), earlier == null ? change : earlier.then(change));
    }
  }
}
