package dev.rr.common.input;

import dev.rr.common.schema.TableMapping;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Spanner migration tool session file, in any {@link SessionLayout} the tool has written,
 * into a {@link SessionSchemaMapping}.
 *
 * <p>Used, by id (2022 onwards): {@code SpSchema} and {@code SrcSchema} keyed by table id, each
 * table with {@code Name}, {@code ColIds}, {@code ColDefs}, {@code PrimaryKeys} ({@code ColId});
 * Spanner tables also {@code ShardIdColumn}; {@code SyntheticPKeys} ({@code ColId}); and
 * {@code SpannerToID} / {@code SrcToID} (name to id maps; checked against the schemas when
 * present). By name (HarbourBridge): the same schemas keyed by table name with {@code ColNames},
 * Spanner {@code Pks} ({@code Col}), source {@code PrimaryKeys} ({@code Column}),
 * {@code SyntheticPKeys} ({@code Col}), and renames in {@code ToSource}. Everything else is
 * ignored. All problems of the file are reported at once.
 */
public final class SessionFile {
  private SessionFile() {}

  /** Reads the session file at {@code path} (local path or {@code gs://} URI). */
  public static SessionSchemaMapping load(String path) {
    return parse(path, InputFiles.readInputFile(path));
  }

  /** Reads the session file content {@code json}; {@code fileName} names it in errors. */
  public static SessionSchemaMapping parse(String fileName, String json) {
    JsonCursor root = JsonCursor.parse(fileName, json);
    if (!root.isObject()) {
      root.problem("must be a JSON object (a Spanner migration tool session)");
      root.throwIfProblems(fileName);
    }
    SessionLayout layout = SessionLayout.of(root.field("SpSchema"));
    Map<String, JsonCursor> spTables = tables(root.field("SpSchema"));
    Map<String, JsonCursor> srcTables = tables(root.field("SrcSchema"));
    Map<String, String> syntheticColumns =
        syntheticColumns(root.field("SyntheticPKeys"), layout.syntheticColumn);

    List<TableMapping> tables = new ArrayList<>();
    List<String> spannerOnly = new ArrayList<>();
    Map<String, String> tableIdByName = new HashMap<>();
    for (Map.Entry<String, JsonCursor> spTable : spTables.entrySet()) {
      String tableId = spTable.getKey();
      // A missing source table means a Spanner-only table.
      SessionSource source = layout == SessionLayout.BY_ID
          ? SessionSource.sameKeys(root.field("SrcSchema").field(tableId))
          : sourceByName(root, tableId);
      Optional<TableMapping> table = SessionTableReader.read(
          spTable.getValue(), source, layout, syntheticColumns.get(tableId));
      spTable.getValue().field("Name").optionalString().ifPresent(name -> {
        String other = tableIdByName.putIfAbsent(name, tableId);
        if (other != null) {
          spTable.getValue().field("Name").problem("must be unique, but table " + other
              + " has the same name");
        }
      });
      table.ifPresent(tables::add);
      if (source.isMissing()) {
        spTable.getValue().field("Name").optionalString().ifPresent(spannerOnly::add);
      }
    }
    if (layout == SessionLayout.BY_ID) {
      checkIdMap(root.field("SpannerToID"), spTables, root.field("SpSchema").path());
      checkIdMap(root.field("SrcToID"), srcTables, root.field("SrcSchema").path());
    }
    ZoneOffset timezone = timezoneOffset(root.field("TimezoneOffset"));
    root.throwIfProblems(fileName);
    return new SessionSchemaMapping(tables, spannerOnly, timezone);
  }

  /** {@code TimezoneOffset} ({@code +10:00}, {@code -05:30}, {@code Z}), null when absent or empty. */
  private static ZoneOffset timezoneOffset(JsonCursor field) {
    String text = field.optionalString().map(String::strip).orElse("");
    if (text.isEmpty()) {
      return null;
    }
    try {
      return ZoneOffset.of(text);
    } catch (DateTimeException e) {
      field.problem("must be a time zone offset such as +00:00 or -05:30");
      return null;
    }
  }

  private static Map<String, JsonCursor> tables(JsonCursor schema) {
    if (schema.isMissing()) {
      schema.problem("is required");
    } else if (!schema.isObject()) {
      schema.problem("must be an object of table id to table");
    } else {
      return schema.fields();
    }
    return Map.of();
  }

  /**
   * The source table of Spanner table {@code spannerName} in a name-keyed session: the one
   * {@code ToSource.<spannerName>.Name} names, else the one with the same name; its columns
   * renamed by {@code ToSource.<spannerName>.Cols}.
   */
  private static SessionSource sourceByName(JsonCursor root, String spannerName) {
    JsonCursor toSource = root.field("ToSource").field(spannerName);
    JsonCursor nameField = toSource.field("Name");
    String sourceName = nameField.isMissing() ? spannerName : nameField.requiredString();
    JsonCursor srcTable = root.field("SrcSchema").field(sourceName == null ? "" : sourceName);
    if (!nameField.isMissing() && sourceName != null && !srcTable.isObject()) {
      nameField.problem("must be a table in " + root.field("SrcSchema").path());
    }
    return new SessionSource(srcTable, toSource.field("Cols").fields());
  }

  /** Table key to the column key of its synthetic primary key. */
  private static Map<String, String> syntheticColumns(JsonCursor syntheticKeys, String field) {
    Map<String, String> columns = new HashMap<>();
    for (Map.Entry<String, JsonCursor> entry : syntheticKeys.fields().entrySet()) {
      entry.getValue().field(field).optionalString()
          .ifPresent(colId -> columns.put(entry.getKey(), colId));
    }
    return columns;
  }

  /**
   * Checks a name-to-id map ({@code {tableName: {Name: tableId, Cols: {columnName: columnId}}}})
   * against the schema it indexes: each entry must name an existing id whose name matches.
   * Entries may be missing; the schema itself is the reference.
   */
  private static void checkIdMap(
      JsonCursor idMap, Map<String, JsonCursor> tables, String schemaPath) {
    for (Map.Entry<String, JsonCursor> entry : idMap.fields().entrySet()) {
      JsonCursor tableIdField = entry.getValue().field("Name");
      String tableId = tableIdField.requiredString();
      if (tableId == null) {
        continue;
      }
      JsonCursor table = tables.get(tableId);
      if (table == null) {
        tableIdField.problem("must be a table id in " + schemaPath);
        continue;
      }
      if (!entry.getKey().equals(table.field("Name").optionalString().orElse(null))) {
        tableIdField.problem("must be the id of table " + entry.getKey() + ", but "
            + table.path() + " is named " + table.field("Name").render());
        continue;
      }
      for (Map.Entry<String, JsonCursor> column :
          entry.getValue().field("Cols").fields().entrySet()) {
        String columnId = column.getValue().requiredString();
        JsonCursor colDef = columnId == null ? null : table.field("ColDefs").field(columnId);
        if (colDef != null && !colDef.isObject()) {
          column.getValue().problem("must be a column id in " + table.path() + ".ColDefs");
        } else if (colDef != null && !column.getKey().equals(
            colDef.field("Name").optionalString().orElse(null))) {
          column.getValue().problem("must be the id of column " + column.getKey() + ", but "
              + colDef.path() + " is named " + colDef.field("Name").render());
        }
      }
    }
  }
}
