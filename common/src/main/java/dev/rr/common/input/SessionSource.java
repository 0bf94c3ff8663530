package dev.rr.common.input;

import java.util.Map;

/**
 * The source table ({@code SrcSchema} entry) a Spanner table of a session maps to, and how its
 * columns are found: by the Spanner column's key (id, or name), unless {@code renames} (the
 * {@code ToSource} columns of a name-keyed session) maps that key to another source name.
 */
record SessionSource(JsonCursor table, Map<String, JsonCursor> renames) {
  /** A source table whose columns share the Spanner columns' keys. */
  static SessionSource sameKeys(JsonCursor table) {
    return new SessionSource(table, Map.of());
  }

  boolean isMissing() {
    return table.isMissing();
  }

  /**
   * The source column definition for the Spanner column with key {@code spannerColumnKey}; a
   * missing cursor when there is none (a Spanner-only column); null when a rename names no source
   * column (a problem is then recorded on the rename).
   */
  JsonCursor column(String spannerColumnKey) {
    JsonCursor colDefs = table.field("ColDefs");
    JsonCursor rename = renames.get(spannerColumnKey);
    if (rename == null) {
      return colDefs.field(spannerColumnKey);
    }
    String sourceKey = rename.requiredString();
    if (sourceKey == null) {
      return null;
    }
    JsonCursor column = colDefs.field(sourceKey);
    if (!column.isObject()) {
      rename.problem("must be a column of " + colDefs.path());
      return null;
    }
    return column;
  }
}
