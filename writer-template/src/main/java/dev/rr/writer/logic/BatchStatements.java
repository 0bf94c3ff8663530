package dev.rr.writer.logic;

import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.sink.ShardDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the row changes of a {@link ChangeBatch} into multi-row statements of at most {@code
 * maxRowsPerStatement} rows (1 writes row by row): deletes, upserts and plain inserts. {@link
 * BatchWriter} decides which run and in what order.
 */
public final class BatchStatements {

  /**
   * One statement and the row changes it writes.
   *
   * @param statement the SQL and its parameters
   * @param inlined the SQL with its values written in ({@link ShardDialect#inline}), built with
   *     the statement so that the thread sending it does not; null when the dialect binds values
   * @param rows the row changes, to name the change records when the shard rejects the statement
   * @param build builds the same kind of statement for some of the rows (to split it)
   * @param dialect the dialect that built it
   */
  public record Statement(
      SqlStatement statement, String inlined, List<RowChange> rows,
      Function<List<RowChange>, SqlStatement> build, ShardDialect dialect) {

    Statement(List<RowChange> rows, Function<List<RowChange>, SqlStatement> build,
        ShardDialect dialect) {
      this(build.apply(rows), rows, build, dialect);
    }

    private Statement(SqlStatement statement, List<RowChange> rows,
        Function<List<RowChange>, SqlStatement> build, ShardDialect dialect) {
      this(statement, dialect.inline(statement).orElse(null), rows, build, dialect);
    }

    /**
     * This statement as two statements of half its rows each, in order; for a statement too
     * large to send. Needs at least two rows.
     */
    List<Statement> halves() {
      if (rows.size() < 2) {
        throw new IllegalArgumentException("a one-row statement cannot be split");
      }
      return List.of(new Statement(rows.subList(0, rows.size() / 2), build, dialect),
          new Statement(rows.subList(rows.size() / 2, rows.size()), build, dialect));
    }
  }

  private final ShardDialect dialect;
  private final int maxRowsPerStatement;

  /**
   * @param dialect builds the statements
   * @param maxRowsPerStatement most rows one statement writes (1 writes row by row)
   */
  public BatchStatements(ShardDialect dialect, int maxRowsPerStatement) {
    if (maxRowsPerStatement < 1) {
      throw new IllegalArgumentException("maxRowsPerStatement must be at least 1");
    }
    this.dialect = dialect;
    this.maxRowsPerStatement = maxRowsPerStatement;
  }

  /** The dialect the statements are built with. */
  ShardDialect dialect() {
    return dialect;
  }

  /** The deletes of every row of {@code batch} that a delete runs for, children first. */
  public List<Statement> deletes(ChangeBatch batch) {
    List<Statement> statements = new ArrayList<>();
    for (ChangeBatch.TableChanges table : batch.tablesForDeletes()) {
      List<RowChange> rows = table.rows.values().stream().filter(RowChange::deletes).toList();
      statements.addAll(deletes(rows, r -> r.deletion().orElseThrow()));
    }
    return statements;
  }

  /**
   * Deletes by primary key of {@code rows} (of one table).
   *
   * @param deletion the delete of a row
   */
  List<Statement> deletes(List<RowChange> rows, Function<RowChange, MappedChange> deletion) {
    List<Statement> statements = new ArrayList<>();
    if (rows.isEmpty()) {
      return statements;
    }
    int keyColumns = rows.get(0).change().key().size();
    Function<List<RowChange>, SqlStatement> build =
        some -> dialect.deleteBatch(some.stream().map(deletion).toList());
    for (List<RowChange> chunk : chunks(rows, keyColumns)) {
      statements.add(new Statement(chunk, build, dialect));
    }
    return statements;
  }

  /** Upserts of the rows of {@code table} that end written. */
  List<Statement> upserts(ChangeBatch.TableChanges table) {
    List<RowChange> rows = table.rows.values().stream().filter(r -> !r.isDelete()).toList();
    return byColumns(rows, dialect::upsertBatch);
  }

  /** Plain inserts of {@code rows} (of one table; none a delete). */
  List<Statement> inserts(List<RowChange> rows) {
    return byColumns(rows, dialect::insertBatch);
  }

  /**
   * Splits {@code rows} into chunks that fit one statement.
   *
   * @param parametersPerRow placeholders one row takes
   */
  List<List<RowChange>> chunks(List<RowChange> rows, int parametersPerRow) {
    int byParameters = Math.max(1, dialect.maxParameters() / Math.max(1, parametersPerRow));
    int size = Math.min(maxRowsPerStatement, byParameters);
    List<List<RowChange>> chunks = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += size) {
      chunks.add(rows.subList(from, Math.min(rows.size(), from + size)));
    }
    return chunks;
  }

  /** One statement per chunk of rows writing one column set. */
  private List<Statement> byColumns(
      List<RowChange> rows, Function<List<MappedChange>, SqlStatement> build) {
    Map<Set<String>, List<RowChange>> groups = new LinkedHashMap<>();
    for (RowChange row : rows) {
      groups.computeIfAbsent(row.change().columns(), c -> new ArrayList<>()).add(row);
    }
    Function<List<RowChange>, SqlStatement> ofRows =
        some -> build.apply(some.stream().map(RowChange::change).toList());
    List<Statement> statements = new ArrayList<>();
    for (List<RowChange> group : groups.values()) {
      int columns = group.get(0).change().values().size();
      for (List<RowChange> chunk : chunks(group, columns)) {
        statements.add(new Statement(chunk, ofRows, dialect));
      }
    }
    return statements;
  }
}
