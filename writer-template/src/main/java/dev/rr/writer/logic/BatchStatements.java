package dev.rr.writer.logic;

import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link ChangeBatch} into multi-row statements, in an order MySQL's immediate foreign-key
 * checks accept: upserts parents first and then deletes children first, or for a {@link
 * ChangeBatch#deletesFirst()} batch deletes children first and then upserts parents first.
 */
public final class BatchStatements {

  /**
   * One statement and the row changes it writes.
   *
   * @param statement the SQL and its parameters
   * @param rows the row changes, to name the change records when MySQL rejects the statement
   * @param deletes true for a delete statement, false for an upsert
   */
  public record Statement(SqlStatement statement, List<RowChange> rows, boolean deletes) {}

  private final MySqlDialect dialect;
  private final int maxRowsPerStatement;

  /**
   * @param dialect builds the statements
   * @param maxRowsPerStatement most rows one statement writes (1 writes row by row)
   */
  public BatchStatements(MySqlDialect dialect, int maxRowsPerStatement) {
    if (maxRowsPerStatement < 1) {
      throw new IllegalArgumentException("maxRowsPerStatement must be at least 1");
    }
    this.dialect = dialect;
    this.maxRowsPerStatement = maxRowsPerStatement;
  }

  /** The statements writing {@code batch}, in the order they must run. */
  public List<Statement> statements(ChangeBatch batch) {
    List<Statement> statements = new ArrayList<>();
    if (batch.deletesFirst()) {
      deletes(batch, statements);
      upserts(batch, statements);
    } else {
      upserts(batch, statements);
      deletes(batch, statements);
    }
    return statements;
  }

  private void upserts(ChangeBatch batch, List<Statement> out) {
    for (ChangeBatch.TableChanges table : batch.tablesForUpserts()) {
      List<List<RowChange>> groups = new ArrayList<>();
      if (batch.isOrdered(table.name)) {
        // Rows keep their commit order: only consecutive rows with one column set share.
        List<RowChange> run = null;
        Set<String> runColumns = null;
        for (RowChange row : table.rows.values()) {
          if (row.isDelete()) {
            continue;
          }
          if (run == null || !row.change().columns().equals(runColumns)) {
            run = new ArrayList<>();
            runColumns = row.change().columns();
            groups.add(run);
          }
          run.add(row);
        }
      } else {
        Map<Set<String>, List<RowChange>> byColumns = new LinkedHashMap<>();
        for (RowChange row : table.rows.values()) {
          if (!row.isDelete()) {
            byColumns.computeIfAbsent(row.change().columns(), c -> new ArrayList<>()).add(row);
          }
        }
        groups.addAll(byColumns.values());
      }
      for (List<RowChange> group : groups) {
        int columns = group.get(0).change().values().size();
        for (List<RowChange> chunk : chunks(group, columns)) {
          List<MappedChange> changes = chunk.stream().map(RowChange::change).toList();
          out.add(upsert(chunk));
        }
      }
    }
  }

  private void deletes(ChangeBatch batch, List<Statement> out) {
    for (ChangeBatch.TableChanges table : batch.tablesForDeletes()) {
      List<RowChange> rows = table.rows.values().stream().filter(RowChange::deletes).toList();
      if (rows.isEmpty()) {
        continue;
      }
      int keyColumns = rows.get(0).change().key().size();
      for (List<RowChange> chunk : chunks(rows, keyColumns)) {
        out.add(delete(chunk));
      }
    }
  }

  /**
   * {@code statement} as two statements of half its rows each, in order; for a statement too
   * large to send. Needs at least two rows.
   */
  List<Statement> halves(Statement statement) {
    List<RowChange> rows = statement.rows();
    if (rows.size() < 2) {
      throw new IllegalArgumentException("a one-row statement cannot be split");
    }
    List<Statement> halves = new ArrayList<>(2);
    for (List<RowChange> half : List.of(rows.subList(0, rows.size() / 2),
        rows.subList(rows.size() / 2, rows.size()))) {
      halves.add(statement.deletes() ? delete(half) : upsert(half));
    }
    return halves;
  }

  private Statement upsert(List<RowChange> rows) {
    List<MappedChange> changes = rows.stream().map(RowChange::change).toList();
    return new Statement(dialect.upsertBatch(changes), rows, false);
  }

  private Statement delete(List<RowChange> rows) {
    List<MappedChange> changes = rows.stream().map(r -> r.deletion().orElseThrow()).toList();
    return new Statement(dialect.deleteBatch(changes), rows, true);
  }

  private List<List<RowChange>> chunks(List<RowChange> rows, int columnsPerRow) {
    int byParameters = Math.max(1, MySqlDialect.MAX_PARAMETERS / Math.max(1, columnsPerRow));
    int size = Math.min(maxRowsPerStatement, byParameters);
    List<List<RowChange>> chunks = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += size) {
      chunks.add(rows.subList(from, Math.min(rows.size(), from + size)));
    }
    return chunks;
  }
}
