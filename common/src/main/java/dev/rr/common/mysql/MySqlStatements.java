package dev.rr.common.mysql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** Builds the SQL text and parameter lists of multi-row inserts, upserts and deletes. */
final class MySqlStatements implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  SqlStatement upsert(List<MappedChange> changes) {
    MappedChange first = requireBatch(changes, false);
    SqlStatement insert = insert(changes);
    return new SqlStatement(insert.sql() + " ON DUPLICATE KEY UPDATE "
        + updateClause(new ArrayList<>(first.values().keySet()), first.key().keySet()),
        insert.params());
  }

  SqlStatement insert(List<MappedChange> changes) {
    MappedChange first = requireBatch(changes, false);
    List<String> columns = new ArrayList<>(first.values().keySet());
    Set<String> columnSet = first.columns();
    for (MappedChange change : changes) {
      if (!change.columns().equals(columnSet)) {
        throw new IllegalArgumentException(
            "one upsert needs one column set, got " + columnSet + " and " + change.columns());
      }
    }
    requireParameterCount(changes.size(), columns.size());

    StringJoiner names = new StringJoiner(", ");
    columns.forEach(column -> names.add(quote(column)));
    String rowPlaceholders = placeholders(columns.size());
    StringJoiner rows = new StringJoiner(", ");
    List<Object> params = new ArrayList<>(changes.size() * columns.size());
    for (MappedChange change : changes) {
      rows.add(rowPlaceholders);
      for (String column : columns) {
        params.add(change.values().get(column));
      }
    }
    return new SqlStatement(
        "INSERT INTO "
            + quote(first.sourceTable())
            + " ("
            + names
            + ") VALUES "
            + rows,
        params);
  }

  SqlStatement delete(List<MappedChange> changes) {
    MappedChange first = requireBatch(changes, true);
    List<String> keyColumns = new ArrayList<>(first.key().keySet());
    for (MappedChange change : changes) {
      if (!change.key().keySet().equals(first.key().keySet())) {
        throw new IllegalArgumentException(
            "one delete needs one key, got " + first.key().keySet() + " and " + change.key().keySet());
      }
    }
    requireParameterCount(changes.size(), keyColumns.size());

    List<Object> params = new ArrayList<>(changes.size() * keyColumns.size());
    for (MappedChange change : changes) {
      for (String column : keyColumns) {
        params.add(change.key().get(column));
      }
    }
    return new SqlStatement(
        "DELETE FROM " + quote(first.sourceTable()) + " WHERE " + where(keyColumns, changes.size()),
        params);
  }

  SqlStatement selectByKey(
      List<MappedChange> changes, List<String> columns, Set<String> asDouble) {
    MappedChange first = requireBatch(changes, false);
    List<String> keyColumns = new ArrayList<>(first.key().keySet());
    requireParameterCount(changes.size(), 2 * keyColumns.size() + 1);
    StringJoiner matchOne = new StringJoiner(" AND ", "WHEN ", " THEN ?");
    keyColumns.forEach(column -> matchOne.add(quote(column) + " = ?"));
    StringJoiner names = new StringJoiner(", ");
    columns.forEach(column -> names.add(asDouble.contains(column)
        ? "CAST(" + quote(column) + " AS DOUBLE)" : quote(column)));
    List<Object> caseParams = new ArrayList<>();
    List<Object> whereParams = new ArrayList<>();
    for (int row = 0; row < changes.size(); row++) {
      MappedChange change = changes.get(row);
      if (!change.sourceTable().equals(first.sourceTable())
          || !change.key().keySet().equals(first.key().keySet())) {
        throw new IllegalArgumentException("one select needs one table and one key");
      }
      keyColumns.forEach(column -> caseParams.add(change.key().get(column)));
      caseParams.add((long) row);
      keyColumns.forEach(column -> whereParams.add(change.key().get(column)));
    }
    // The CASE compares like the WHERE (column = parameter, the column's collation), so each
    // row found is numbered with the change that found it.
    String sql = "SELECT CASE "
        + String.join(" ", Collections.nCopies(changes.size(), matchOne.toString()))
        + " END, " + names + " FROM " + quote(first.sourceTable()) + " WHERE "
        + where(keyColumns, changes.size());
    caseParams.addAll(whereParams);
    return new SqlStatement(sql, caseParams);
  }

  private static String where(List<String> keyColumns, int rows) {
    if (rows == 1) {
      StringJoiner conditions = new StringJoiner(" AND ");
      keyColumns.forEach(column -> conditions.add(quote(column) + " = ?"));
      return conditions.toString();
    }
    if (keyColumns.size() == 1) {
      return quote(keyColumns.get(0)) + " IN " + placeholders(rows);
    }
    StringJoiner names = new StringJoiner(", ", "(", ")");
    keyColumns.forEach(column -> names.add(quote(column)));
    String tuple = placeholders(keyColumns.size());
    return names + " IN (" + String.join(", ", Collections.nCopies(rows, tuple)) + ")";
  }

  /**
   * Non-key columns take the new row's value. A change that writes only key columns still needs
   * an assignment for the clause to be valid: a no-op on the first key column.
   */
  private static String updateClause(List<String> columns, Set<String> keyColumns) {
    StringJoiner assignments = new StringJoiner(", ");
    for (String column : columns) {
      if (!keyColumns.contains(column)) {
        assignments.add(quote(column) + " = VALUES(" + quote(column) + ")");
      }
    }
    if (assignments.length() == 0) {
      String keyColumn = quote(keyColumns.iterator().next());
      assignments.add(keyColumn + " = " + keyColumn);
    }
    return assignments.toString();
  }

  private static MappedChange requireBatch(List<MappedChange> changes, boolean deletes) {
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one change");
    }
    MappedChange first = changes.get(0);
    for (MappedChange change : changes) {
      if (!change.sourceTable().equals(first.sourceTable())) {
        throw new IllegalArgumentException(
            "one statement covers one table, got "
                + first.sourceTable()
                + " and "
                + change.sourceTable());
      }
      if (change.isDelete() != deletes) {
        throw new IllegalArgumentException(
            (deletes ? "a delete" : "an upsert") + " cannot include a " + change.modType());
      }
    }
    return first;
  }

  private static void requireParameterCount(int rows, int columns) {
    long parameters = (long) rows * columns;
    if (parameters > MySqlDialect.MAX_PARAMETERS) {
      throw new IllegalArgumentException(
          rows
              + " rows of "
              + columns
              + " columns need "
              + parameters
              + " parameters; a statement allows "
              + MySqlDialect.MAX_PARAMETERS);
    }
  }

  private static String placeholders(int count) {
    return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
  }
}
