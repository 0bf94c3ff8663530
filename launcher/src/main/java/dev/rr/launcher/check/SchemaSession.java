package dev.rr.launcher.check;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.rr.launcher.check.RandomSchema.Column;
import dev.rr.launcher.check.RandomSchema.Role;
import dev.rr.launcher.check.RandomSchema.Table;
import java.util.List;

/**
 * The session file (Spanner migration tool format) of a {@link RandomSchema}: each Spanner table
 * mapped to its MySQL table through column ids, names as renamed, the shard column as the table's
 * {@code ShardIdColumn} (Spanner-only), interleaved tables with their {@code ParentId}.
 */
public final class SchemaSession {
  private SchemaSession() {}

  /** The session file's JSON text. */
  public static String json(RandomSchema schema) {
    JsonObject spSchema = new JsonObject();
    JsonObject srcSchema = new JsonObject();
    List<Table> tables = schema.tables();
    for (int t = 0; t < tables.size(); t++) {
      Table table = tables.get(t);
      String tableId = tableId(tables, table.spanner());
      JsonObject sp = new JsonObject();
      JsonObject src = new JsonObject();
      JsonArray spIds = new JsonArray();
      JsonArray srcIds = new JsonArray();
      JsonObject spDefs = new JsonObject();
      JsonObject srcDefs = new JsonObject();
      for (int c = 0; c < table.columns().size(); c++) {
        Column column = table.columns().get(c);
        String id = tableId + "c" + (c + 1);
        spIds.add(id);
        spDefs.add(id, spannerColumn(id, column));
        if (column.role() == Role.SHARD) {
          sp.addProperty("ShardIdColumn", id);
        } else {
          srcIds.add(id);
          srcDefs.add(id, sourceColumn(id, column));
        }
      }
      sp.addProperty("Name", table.spanner());
      sp.add("ColIds", spIds);
      sp.add("ColDefs", spDefs);
      sp.add("PrimaryKeys", keys(table, tableId, table.key()));
      sp.addProperty("ParentId", table.parent() == null ? "" : tableId(tables, table.parent()));
      sp.addProperty("Id", tableId);
      src.addProperty("Name", table.mysql());
      src.addProperty("Schema", "random");
      src.add("ColIds", srcIds);
      src.add("ColDefs", srcDefs);
      src.add("PrimaryKeys", keys(table, tableId, table.sourceKey()));
      src.addProperty("Id", tableId);
      spSchema.add(tableId, sp);
      srcSchema.add(tableId, src);
    }
    JsonObject root = new JsonObject();
    root.add("SpSchema", spSchema);
    root.add("SyntheticPKeys", new JsonObject());
    root.add("SrcSchema", srcSchema);
    root.addProperty("SpDialect", "google_standard_sql");
    root.addProperty("IsSharded", true);
    return new GsonBuilder().setPrettyPrinting().create().toJson(root);
  }

  private static String tableId(List<Table> tables, String spanner) {
    for (int i = 0; i < tables.size(); i++) {
      if (tables.get(i).spanner().equals(spanner)) {
        return "t" + (i + 1);
      }
    }
    throw new IllegalArgumentException("no table " + spanner);
  }

  private static JsonArray keys(Table table, String tableId, List<String> key) {
    JsonArray keys = new JsonArray();
    for (int order = 0; order < key.size(); order++) {
      JsonObject part = new JsonObject();
      part.addProperty("ColId", tableId + "c" + (table.columns().indexOf(table.column(key.get(order))) + 1));
      part.addProperty("Desc", false);
      part.addProperty("Order", order + 1);
      keys.add(part);
    }
    return keys;
  }

  private static JsonObject spannerColumn(String id, Column column) {
    JsonObject type = new JsonObject();
    type.addProperty("Name", column.kind().spannerName);
    boolean sized = column.kind().spannerName.equals("STRING") || column.kind().spannerName.equals("BYTES");
    type.addProperty("Len", sized ? (column.role() == Role.SHARD ? 50L : Long.MAX_VALUE) : 0L);
    type.addProperty("IsArray", false);
    JsonObject def = new JsonObject();
    def.addProperty("Name", column.spanner());
    def.add("T", type);
    def.addProperty("NotNull", !column.nullable());
    def.addProperty("Id", id);
    return def;
  }

  private static JsonObject sourceColumn(String id, Column column) {
    JsonObject type = new JsonObject();
    type.addProperty("Name", column.kind().mysqlName);
    JsonArray mods = new JsonArray();
    column.kind().mysqlMods.forEach(mods::add);
    type.add("Mods", mods);
    JsonObject def = new JsonObject();
    def.addProperty("Name", column.mysql());
    def.add("Type", type);
    def.addProperty("NotNull", !column.nullable());
    def.addProperty("Id", id);
    return def;
  }
}
