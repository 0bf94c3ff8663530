package dev.rr.common.mysql;

import java.util.Objects;

/**
 * One way a shard's live schema cannot take the schema mapping: a mapped table or column is
 * missing, a column's real type is not one the mapped Spanner values can be written to, or a
 * column cannot be written as mapped (generated on one side only).
 *
 * @param table source table
 * @param column source column, or null when the whole table is concerned
 * @param mappedType the source type the mapping (session file) gives, or null
 * @param realType the column's type in the shard, or null when it does not exist
 * @param problem what is wrong and what to do, one sentence
 */
public record SchemaMismatch(
    String table, String column, String mappedType, String realType, String problem) {
  public SchemaMismatch {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(problem, "problem");
  }

  /** One line: table, column, session type, real type, problem. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("table ").append(table);
    if (column != null) {
      text.append(", column ").append(column);
    }
    if (mappedType != null) {
      text.append(", session type ").append(mappedType);
    }
    if (realType != null) {
      text.append(", real type ").append(realType);
    }
    return text.append(": ").append(problem).toString();
  }
}
