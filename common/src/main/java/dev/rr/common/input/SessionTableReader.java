package dev.rr.common.input;

import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one table of a session file: the Spanner table {@code SpSchema.<key>} and its source
 * table in {@code SrcSchema}, in either {@link SessionLayout}.
 */
final class SessionTableReader {
  /** Base type names Spanner uses in {@code SpSchema.<table>.ColDefs.<column>.T.Name}. */
  static final Set<String> SPANNER_TYPES = Set.of(
      "BOOL", "INT64", "FLOAT32", "FLOAT64", "NUMERIC", "STRING", "JSON", "BYTES", "DATE",
      "TIMESTAMP");

  private SessionTableReader() {}

  /**
   * The mapping of Spanner table {@code spTable}, or empty when its source table is missing (the
   * table exists only in Spanner) or the table has problems (recorded on the cursors).
   *
   * @param syntheticColumnId column key of the synthetic primary key Spanner added, or null
   */
  static Optional<TableMapping> read(JsonCursor spTable, SessionSource source,
      SessionLayout layout, String syntheticColumnId) {
    JsonCursor srcTable = source.table();
    int before = spTable.problems().size();
    String name = spTable.field("Name").requiredString();
    JsonCursor colDefs = spTable.field("ColDefs");
    if (!colDefs.isObject()) {
      colDefs.problem("must be an object of column id to column definition");
    }
    List<ColumnMapping> columns = new ArrayList<>();
    Set<String> columnNames = new HashSet<>();
    String sourceName = srcTable.isMissing() ? null : srcTable.field("Name").requiredString();
    for (JsonCursor colId : requiredArray(spTable.field(layout.columnList))) {
      JsonCursor colDef = columnDefinition(colId, colDefs);
      if (colDef != null) {
        String id = colId.element().getAsString();
        // A synthetic primary key is never a source column, whatever SrcSchema says.
        JsonCursor srcDef = id.equals(syntheticColumnId) || srcTable.isMissing()
            ? null
            : source.column(id);
        ColumnMapping column = column(colDef, srcDef, sourceName);
        if (column != null && !columnNames.add(column.spannerName())) {
          colDef.field("Name").problem("must be unique within the table");
        }
        columns.add(column);
      }
    }
    checkKeyColumns(spTable.field(layout.spannerKeys), colDefs, layout.spannerKeyColumn);
    String shardIdColumn = shardIdColumn(spTable.field("ShardIdColumn"), colDefs);
    List<String> sourceKey = srcTable.isMissing()
        ? List.of()
        : sourcePrimaryKey(srcTable, layout.sourceKeyColumn);
    if (spTable.problems().size() > before || srcTable.isMissing()) {
      return Optional.empty();
    }
    return Optional.of(new TableMapping(name, sourceName, columns, sourceKey, shardIdColumn));
  }

  private static List<JsonCursor> requiredArray(JsonCursor field) {
    if (field.isMissing()) {
      field.problem("is required");
    }
    return field.elements();
  }

  /** The definition {@code colId} refers to, or null (with a problem) when there is none. */
  private static JsonCursor columnDefinition(JsonCursor colId, JsonCursor colDefs) {
    if (colId.requiredString() == null) {
      return null;
    }
    JsonCursor colDef = colDefs.field(colId.element().getAsString());
    if (!colDef.isObject()) {
      colId.problem("must be a column id defined in " + colDefs.path());
      return null;
    }
    return colDef;
  }

  private static ColumnMapping column(JsonCursor spDef, JsonCursor srcDef, String sourceTable) {
    String spannerName = spDef.field("Name").requiredString();
    JsonCursor typeName = spDef.field("T").field("Name");
    String type = typeName.requiredString();
    if (type != null && !SPANNER_TYPES.contains(type)) {
      typeName.problem("must be one of " + new TreeSet<>(SPANNER_TYPES));
      type = null;
    }
    boolean array = spDef.field("T").field("IsArray").optionalBoolean(false);
    if (spannerName == null || type == null) {
      return null;
    }
    if (srcDef == null || srcDef.isMissing()) {
      // A Spanner-only column: a migration shard id column or a synthetic primary key.
      return new ColumnMapping(spannerName, new SpannerType(type, array), null, null);
    }
    String sourceName = srcDef.field("Name").requiredString();
    // Source types are under "Type"; "T" (the Spanner side's name) is accepted as well.
    JsonCursor typeField = srcDef.field("Type").isMissing() && !srcDef.field("T").isMissing()
        ? srcDef.field("T")
        : srcDef.field("Type");
    SourceType sourceType = sourceType(typeField);
    if (sourceType != null && !MySqlColumnTypes.isWritable(sourceType)) {
      typeField.field("Name").problem("is a MySQL type the writer does not write (source table "
          + sourceTable + ", column " + sourceName + ")");
      return null;
    }
    if (sourceName == null || sourceType == null) {
      return null;
    }
    return new ColumnMapping(spannerName, new SpannerType(type, array), sourceName, sourceType);
  }

  private static SourceType sourceType(JsonCursor type) {
    JsonCursor nameField = type.field("Name");
    String name = nameField.requiredString();
    List<Long> mods = new ArrayList<>();
    for (JsonCursor mod : type.field("Mods").elements()) {
      if (mod.element().isJsonPrimitive() && mod.element().getAsJsonPrimitive().isNumber()) {
        // HarbourBridge wrote -1 for a modifier the source did not give (year(-1)): none.
        if (mod.element().getAsLong() >= 0) {
          mods.add(mod.element().getAsLong());
        }
      } else {
        mod.problem("must be a whole number");
      }
    }
    if (name == null) {
      return null;
    }
    try {
      return MySqlColumnTypes.fromSession(name, mods);
    } catch (IllegalArgumentException e) {
      nameField.problem("must be a MySQL type name (" + e.getMessage() + ")");
      return null;
    }
  }

  private static void checkKeyColumns(
      JsonCursor primaryKeys, JsonCursor colDefs, String keyColumn) {
    for (JsonCursor key : primaryKeys.elements()) {
      columnDefinition(key.field(keyColumn), colDefs);
    }
  }

  /** The Spanner name of the shard id column, or null when the table has none. */
  private static String shardIdColumn(JsonCursor field, JsonCursor colDefs) {
    Optional<String> colId = field.optionalString().filter(id -> !id.isEmpty());
    if (colId.isEmpty()) {
      return null;
    }
    JsonCursor colDef = columnDefinition(field, colDefs);
    return colDef == null ? null : colDef.field("Name").optionalString().orElse(null);
  }

  /** Source primary-key column names ordered by {@code Order} (then file order). */
  private static List<String> sourcePrimaryKey(JsonCursor srcTable, String keyColumn) {
    JsonCursor colDefs = srcTable.field("ColDefs");
    List<KeyPart> parts = new ArrayList<>();
    List<JsonCursor> keys = srcTable.field("PrimaryKeys").elements();
    for (int i = 0; i < keys.size(); i++) {
      JsonCursor key = keys.get(i);
      JsonCursor colDef = columnDefinition(key.field(keyColumn), colDefs);
      JsonCursor order = key.field("Order");
      long position = i;
      if (!order.isMissing()) {
        if (order.element().isJsonPrimitive() && order.element().getAsJsonPrimitive().isNumber()) {
          position = order.element().getAsLong();
        } else {
          order.problem("must be a whole number");
        }
      }
      String name = colDef == null ? null : colDef.field("Name").requiredString();
      if (name != null) {
        parts.add(new KeyPart(position, i, name));
      }
    }
    parts.sort(Comparator.comparingLong(KeyPart::order).thenComparingInt(KeyPart::index));
    return parts.stream().map(KeyPart::column).toList();
  }

  private record KeyPart(long order, int index, String column) {}
}
