package dev.rr.common.sink;

import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Builds the row statements of a {@link ShardDialect} - multi-row upserts, plain inserts, deletes
 * and reads by primary key - in one {@link Syntax}: the statements' shape is shared, only the
 * identifier quoting, the upsert clause and the floating-point cast differ. Values are always
 * parameters.
 */
public final class RowStatements implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** What differs between the databases' SQL. */
  public enum Syntax {
    /** Backticks; {@code ON DUPLICATE KEY UPDATE c = VALUES(c)} (MySQL 8 and MariaDB). */
    MYSQL('`', "DOUBLE", 65_535),
    /** Double quotes; {@code ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c}. */
    POSTGRESQL('"', "double precision", 65_535);

    private final char quote;
    private final String doubleType;
    private final int maxParameters;

    Syntax(char quote, String doubleType, int maxParameters) {
      this.quote = quote;
      this.doubleType = doubleType;
      this.maxParameters = maxParameters;
    }

    /** Quotes an identifier: the quote character around it, embedded ones doubled. */
    public String quote(String identifier) {
      String q = String.valueOf(quote);
      return q + identifier.replace(q, q + q) + q;
    }

    /** Most placeholders one prepared statement may have. */
    public int maxParameters() {
      return maxParameters;
    }
  }

  private final Syntax syntax;

  public RowStatements(Syntax syntax) {
    this.syntax = syntax;
  }

  /** One multi-row upsert by primary key (see {@link ShardDialect#upsertBatch}). */
  public SqlStatement upsert(List<MappedChange> changes) {
    MappedChange first = requireBatch(changes, false);
    SqlStatement insert = insert(changes);
    List<String> columns = new ArrayList<>(first.values().keySet());
    String clause = syntax == Syntax.MYSQL
        ? " ON DUPLICATE KEY UPDATE " + updateClause(columns, first.key().keySet())
        : " ON CONFLICT (" + names(new ArrayList<>(first.key().keySet())) + ") "
            + conflictClause(columns, first.key().keySet());
    return new SqlStatement(insert.sql() + clause, insert.params());
  }

  /** One multi-row plain insert. */
  public SqlStatement insert(List<MappedChange> changes) {
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

  /** One delete by primary key of several rows. */
  public SqlStatement delete(List<MappedChange> changes) {
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

  /** Current rows by primary key, numbered by the change that found them. */
  public SqlStatement selectByKey(
      List<MappedChange> changes, List<String> columns, Set<String> asDouble) {
    MappedChange first = requireBatch(changes, false);
    List<String> keyColumns = new ArrayList<>(first.key().keySet());
    requireParameterCount(changes.size(), 2 * keyColumns.size() + 1);
    StringJoiner matchOne = new StringJoiner(" AND ", "WHEN ", " THEN ?");
    keyColumns.forEach(column -> matchOne.add(quote(column) + " = ?"));
    StringJoiner names = new StringJoiner(", ");
    columns.forEach(column -> names.add(asDouble.contains(column)
        ? "CAST(" + quote(column) + " AS " + syntax.doubleType + ")" : quote(column)));
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

  private String quote(String identifier) {
    return syntax.quote(identifier);
  }

  private String names(List<String> columns) {
    StringJoiner names = new StringJoiner(", ");
    columns.forEach(column -> names.add(quote(column)));
    return names.toString();
  }

  /** {@code DO UPDATE SET c = EXCLUDED.c, ...}, or {@code DO NOTHING} for a key-only row. */
  private String conflictClause(List<String> columns, Set<String> keyColumns) {
    StringJoiner assignments = new StringJoiner(", ", "DO UPDATE SET ", "");
    assignments.setEmptyValue("DO NOTHING");
    for (String column : columns) {
      if (!keyColumns.contains(column)) {
        assignments.add(quote(column) + " = EXCLUDED." + quote(column));
      }
    }
    return assignments.toString();
  }

  private String where(List<String> keyColumns, int rows) {
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
  private String updateClause(List<String> columns, Set<String> keyColumns) {
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

  private void requireParameterCount(int rows, int columns) {
    long parameters = (long) rows * columns;
    if (parameters > syntax.maxParameters) {
      throw new IllegalArgumentException(
          rows
              + " rows of "
              + columns
              + " columns need "
              + parameters
              + " parameters; a statement allows "
              + syntax.maxParameters);
    }
  }

  private static String placeholders(int count) {
    return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
  }
}
