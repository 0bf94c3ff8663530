package dev.rr.common.input;

/**
 * The two layouts in which the Spanner migration tool has saved a session's schemas, with the
 * field names each uses. {@code docs/input-files.md} lists which tool versions wrote which.
 */
enum SessionLayout {
  /**
   * 2022 onwards: tables keyed by table id, columns by column id; a Spanner table and column map
   * to the source table and column with the same id.
   */
  BY_ID("ColIds", "PrimaryKeys", "ColId", "ColId", "ColId"),
  /**
   * HarbourBridge until 2022: tables keyed by name, columns by name; renames are in
   * {@code ToSource}, and a name absent from it maps to the same name.
   */
  BY_NAME("ColNames", "Pks", "Col", "Column", "Col");

  /** The table field listing its column keys in order. */
  final String columnList;
  /** The Spanner table field holding its primary key. */
  final String spannerKeys;
  /** The field of a Spanner key part naming its column. */
  final String spannerKeyColumn;
  /** The field of a source key part naming its column. */
  final String sourceKeyColumn;
  /** The field of a {@code SyntheticPKeys} entry naming its column. */
  final String syntheticColumn;

  SessionLayout(String columnList, String spannerKeys, String spannerKeyColumn,
      String sourceKeyColumn, String syntheticColumn) {
    this.columnList = columnList;
    this.spannerKeys = spannerKeys;
    this.spannerKeyColumn = spannerKeyColumn;
    this.sourceKeyColumn = sourceKeyColumn;
    this.syntheticColumn = syntheticColumn;
  }

  /** The layout of a file whose {@code SpSchema} is {@code spSchema}: by name when it lists columns by name. */
  static SessionLayout of(JsonCursor spSchema) {
    if (!spSchema.isObject()) {
      return BY_ID;
    }
    for (String key : spSchema.element().getAsJsonObject().keySet()) {
      JsonCursor table = spSchema.field(key);
      if (table.field("ColIds").isMissing() && !table.field("ColNames").isMissing()) {
        return BY_NAME;
      }
    }
    return BY_ID;
  }
}
