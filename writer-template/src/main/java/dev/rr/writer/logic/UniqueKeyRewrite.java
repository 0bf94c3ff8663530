package dev.rr.writer.logic;

import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.writer.logic.SourceConstraints.StoredColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the writer writes rows of a table with a UNIQUE secondary index - the one place this rule
 * lives.
 *
 * <p>MySQL's {@code INSERT ... ON DUPLICATE KEY UPDATE} matches a row by <em>any</em> unique key,
 * so the upsert of a new row can overwrite another row that still holds the same unique value;
 * and no order of single-row statements moves unique values between rows (a swap) without a
 * transient duplicate. So, once every delete of the batch has run, the rows the batch writes are:
 *
 * <ol>
 *   <li>read by primary key (their stored columns), inside the MySQL transaction;
 *   <li>deleted, those that exist;
 *   <li>inserted with a plain {@code INSERT}: the row read, overlaid with the columns the change
 *       carries. Columns the change does not carry (an update under {@code OLD_AND_NEW_VALUES},
 *       a column only MySQL has) keep their MySQL values; a row that did not exist gets the
 *       change's columns and defaults, as an upsert would.
 * </ol>
 *
 * <p>Between steps 2 and 3 the table holds only rows the batch leaves alone, and these rows are
 * unchanged in Spanner's state after the batch too; each insert adds a row of that state. So no
 * statement meets a duplicate that Spanner's final state does not have, and Spanner enforced its
 * UNIQUE index when it committed. An upsert only ever matches its own primary key this way.
 *
 * <p>Costs and limits: one extra {@code SELECT} and {@code DELETE} per statement's worth of rows;
 * triggers on the table see a delete and an insert instead of an update; the delete of a row that
 * other tables reference neither fails nor cascades because {@link BatchWriter} applies with
 * foreign-key checks off. Values are read back as text (bytes for binary types) and bound again,
 * which the server converts back exactly for the types of the type mapping; {@code FLOAT} and
 * {@code DOUBLE} are read as {@code CAST(c AS DOUBLE)} into Java doubles, since a {@code FLOAT}'s
 * text form keeps only 6 digits.
 */
final class UniqueKeyRewrite {
  private final BatchStatements statements;

  /** @param statements builds the reads, deletes and inserts, and sizes every statement */
  UniqueKeyRewrite(BatchStatements statements) {
    this.statements = statements;
  }

  /**
   * Reads the current rows the batch writes in {@code table} (step 1) and returns the statements
   * of steps 2 and 3, to run in order.
   *
   * @param columns the table's stored columns, in table order
   */
  List<BatchStatements.Statement> statements(
      Connection connection, ChangeBatch.TableChanges table, List<StoredColumn> columns)
      throws SQLException {
    List<RowChange> writes = table.rows.values().stream().filter(r -> !r.isDelete()).toList();
    if (writes.isEmpty()) {
      return List.of();
    }
    List<RowChange> existing = new ArrayList<>();
    List<RowChange> images = new ArrayList<>(writes.size());
    int keyColumns = writes.get(0).change().key().size();
    for (List<RowChange> chunk : statements.chunks(writes, 2 * keyColumns + 1)) {
      Map<Integer, Map<String, Object>> current = read(connection, chunk, columns);
      for (int i = 0; i < chunk.size(); i++) {
        RowChange row = chunk.get(i);
        Map<String, Object> stored = current.get(i);
        if (stored != null) {
          existing.add(row);
        }
        images.add(image(row, stored));
      }
    }
    List<BatchStatements.Statement> out =
        new ArrayList<>(statements.deletes(existing, UniqueKeyRewrite::deletion));
    out.addAll(statements.inserts(images));
    return out;
  }

  /** The row's final image: its stored values (if it exists) overlaid with the change's. */
  private static RowChange image(RowChange row, Map<String, Object> stored) {
    MappedChange change = row.change();
    if (stored == null) {
      return RowChange.of(change, row.lastRecord());
    }
    Map<String, Object> values = new LinkedHashMap<>(stored);
    values.putAll(change.values());
    MappedChange image =
        new MappedChange(change.sourceTable(), ModType.INSERT, change.key(), values);
    return RowChange.of(image, row.lastRecord());
  }

  private static MappedChange deletion(RowChange row) {
    MappedChange change = row.change();
    return new MappedChange(change.sourceTable(), ModType.DELETE, change.key(), Map.of());
  }

  /** The value of {@code column} at {@code index}, in a form that binds back to itself. */
  private static Object value(ResultSet result, int index, StoredColumn column)
      throws SQLException {
    switch (column.kind()) {
      case BYTES:
        return result.getBytes(index);
      case FLOATING:
        double value = result.getDouble(index);
        return result.wasNull() ? null : value;
      default:
        return result.getString(index);
    }
  }

  /** Index in {@code rows} -> stored column -> value, for the rows that exist. */
  private Map<Integer, Map<String, Object>> read(
      Connection connection, List<RowChange> rows, List<StoredColumn> columns)
      throws SQLException {
    List<String> names = columns.stream().map(StoredColumn::name).toList();
    Set<String> floating = columns.stream()
        .filter(c -> c.kind() == SourceConstraints.ValueKind.FLOATING)
        .map(StoredColumn::name).collect(Collectors.toSet());
    List<MappedChange> changes = rows.stream().map(RowChange::change).toList();
    Map<Integer, Map<String, Object>> current = new LinkedHashMap<>();
    SqlStatement read = statements.dialect().selectByKey(changes, names, floating);
    try (PreparedStatement select = read.prepare(connection);
        ResultSet result = select.executeQuery()) {
      while (result.next()) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
          values.put(columns.get(c).name(), value(result, c + 2, columns.get(c)));
        }
        current.put(result.getInt(1), values);
      }
    }
    return current;
  }
}
