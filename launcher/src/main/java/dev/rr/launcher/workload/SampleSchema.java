package dev.rr.launcher.workload;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The sharded sample the quickstart, the workload and the end-to-end tests use: the interleave
 * fixture's tables (parent1/child11 with a MySQL foreign key; parent2/child21 interleaved in
 * Spanner with ON DELETE CASCADE, child21's Spanner column {@code id} mapped to MySQL
 * {@code parent_id} and a different primary key) plus {@code accounts}, each Spanner table with
 * a {@value #SHARD_ID_COLUMN} column that routes rows to shards. Produces the Spanner DDL, the
 * MySQL DDL and the matching session file.
 */
public final class SampleSchema {
  /** The Spanner-only column holding each row's logical shard id. */
  public static final String SHARD_ID_COLUMN = "migration_shard_id";

  /** Sample tables in parent-before-child order. */
  public static final List<String> TABLES = List.of("parent1", "child11", "parent2", "child21", "accounts");

  private record Column(String spanner, String spannerType, String source, String sourceType,
      List<Long> mods, boolean notNull) {}

  private record Table(String name, List<Column> columns, List<String> spannerKey,
      List<String> sourceKey, String parent) {}

  private static final List<Table> SAMPLE = List.of(
      new Table("parent1", List.of(
          col("id", "INT64", "id", "int", List.of(10L), true),
          col("update_ts", "TIMESTAMP", "update_ts", "timestamp", List.of(6L), false),
          col("in_ts", "TIMESTAMP", "in_ts", "timestamp", List.of(6L), false)),
          List.of("id"), List.of("id"), null),
      new Table("child11", List.of(
          col("child_id", "INT64", "child_id", "int", List.of(10L), true),
          col("parent_id", "INT64", "parent_id", "int", List.of(10L), false),
          col("update_ts", "TIMESTAMP", "update_ts", "timestamp", List.of(6L), false),
          col("in_ts", "TIMESTAMP", "in_ts", "timestamp", List.of(6L), false)),
          List.of("child_id"), List.of("child_id"), null),
      new Table("parent2", List.of(
          col("id", "INT64", "id", "int", List.of(10L), true),
          col("update_ts", "TIMESTAMP", "update_ts", "timestamp", List.of(6L), false),
          col("in_ts", "TIMESTAMP", "in_ts", "timestamp", List.of(6L), false)),
          List.of("id"), List.of("id"), null),
      new Table("child21", List.of(
          col("child_id", "INT64", "child_id", "int", List.of(10L), true),
          col("id", "INT64", "parent_id", "int", List.of(10L), true),
          col("update_ts", "TIMESTAMP", "update_ts", "timestamp", List.of(6L), false),
          col("in_ts", "TIMESTAMP", "in_ts", "timestamp", List.of(6L), false)),
          List.of("id", "child_id"), List.of("child_id"), "parent2"),
      new Table("accounts", List.of(
          col("account_id", "INT64", "account_id", "bigint", List.of(), true),
          col("balance", "INT64", "balance", "bigint", List.of(), true),
          col("note", "STRING", "note", "varchar", List.of(64L), false)),
          List.of("account_id"), List.of("account_id"), null));

  private SampleSchema() {}

  private static Column col(String spanner, String spannerType, String source, String sourceType,
      List<Long> mods, boolean notNull) {
    return new Column(spanner, spannerType, source, sourceType, mods, notNull);
  }

  /** Spanner DDL statements, parents before children. */
  public static List<String> spannerDdl() {
    List<String> ddl = new ArrayList<>();
    for (Table table : SAMPLE) {
      StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.name()).append(" (");
      for (Column c : table.columns()) {
        sql.append(c.spanner()).append(' ').append(c.spannerType().equals("STRING") ? "STRING(MAX)" : c.spannerType())
            .append(c.notNull() ? " NOT NULL" : "").append(", ");
      }
      sql.append(SHARD_ID_COLUMN).append(" STRING(50)) PRIMARY KEY (")
          .append(String.join(", ", table.spannerKey())).append(')');
      if (table.parent() != null) {
        sql.append(", INTERLEAVE IN PARENT ").append(table.parent()).append(" ON DELETE CASCADE");
      }
      ddl.add(sql.toString());
    }
    ddl.add("CREATE INDEX par_ind ON child11(parent_id)");
    ddl.add("CREATE INDEX par_ind_5 ON child21(id)");
    return ddl;
  }

  /** MySQL DDL statements (with the fixture's foreign keys), parents before children. */
  public static List<String> mysqlDdl() {
    List<String> ddl = new ArrayList<>();
    for (Table table : SAMPLE) {
      StringBuilder sql = new StringBuilder("CREATE TABLE `").append(table.name()).append("` (");
      for (Column c : table.columns()) {
        sql.append('`').append(c.source()).append("` ").append(sourceTypeText(c))
            .append(c.notNull() ? " NOT NULL" : " NULL DEFAULT NULL").append(", ");
      }
      sql.append("PRIMARY KEY (`").append(String.join("`, `", table.sourceKey())).append("`)");
      if (table.name().equals("child11")) {
        sql.append(", KEY par_ind (parent_id), FOREIGN KEY (parent_id) REFERENCES parent1(id)");
      }
      if (table.name().equals("child21")) {
        sql.append(", KEY par_ind (parent_id), FOREIGN KEY (parent_id) REFERENCES parent2(id)");
      }
      ddl.add(sql.append(") ENGINE=InnoDB").toString());
    }
    return ddl;
  }

  /**
   * PostgreSQL DDL statements, parents before children; the foreign keys are {@code DEFERRABLE},
   * so the writer checks them at commit as Spanner does (docs/postgresql.md).
   */
  public static List<String> postgresDdl() {
    List<String> ddl = new ArrayList<>();
    for (Table table : SAMPLE) {
      StringBuilder sql = new StringBuilder("CREATE TABLE \"").append(table.name()).append("\" (");
      for (Column c : table.columns()) {
        // int, bigint, timestamp(6) and varchar(n) are PostgreSQL types too.
        sql.append('"').append(c.source()).append("\" ").append(sourceTypeText(c))
            .append(c.notNull() ? " NOT NULL" : " NULL").append(", ");
      }
      sql.append("PRIMARY KEY (\"").append(String.join("\", \"", table.sourceKey())).append("\")");
      if (table.name().equals("child11")) {
        sql.append(", FOREIGN KEY (parent_id) REFERENCES parent1(id) DEFERRABLE");
      }
      if (table.name().equals("child21")) {
        sql.append(", FOREIGN KEY (parent_id) REFERENCES parent2(id) DEFERRABLE");
      }
      ddl.add(sql.append(')').toString());
    }
    return ddl;
  }

  /** The session file (Spanner migration tool format) mapping the sample, sharded by {@value #SHARD_ID_COLUMN}. */
  public static String sessionJson() {
    JsonObject spSchema = new JsonObject();
    JsonObject srcSchema = new JsonObject();
    int columnId = 0;
    for (int t = 0; t < SAMPLE.size(); t++) {
      Table table = SAMPLE.get(t);
      String tableId = "t" + (t + 1);
      JsonObject sp = new JsonObject();
      JsonObject src = new JsonObject();
      JsonArray spIds = new JsonArray();
      JsonArray srcIds = new JsonArray();
      JsonObject spDefs = new JsonObject();
      JsonObject srcDefs = new JsonObject();
      JsonArray spKeys = new JsonArray();
      JsonArray srcKeys = new JsonArray();
      for (Column c : table.columns()) {
        String id = "c" + (++columnId);
        spIds.add(id);
        srcIds.add(id);
        spDefs.add(id, spannerColumn(id, c.spanner(), c.spannerType(), c.notNull()));
        srcDefs.add(id, sourceColumn(id, c));
        addKey(spKeys, table.spannerKey(), c.spanner(), id);
        addKey(srcKeys, table.sourceKey(), c.source(), id);
      }
      String shardId = "c" + (++columnId);
      spIds.add(shardId);
      spDefs.add(shardId, spannerColumn(shardId, SHARD_ID_COLUMN, "STRING", false));
      sp.addProperty("Name", table.name());
      sp.add("ColIds", spIds);
      sp.addProperty("ShardIdColumn", shardId);
      sp.add("ColDefs", spDefs);
      sp.add("PrimaryKeys", sortByOrder(spKeys));
      sp.addProperty("ParentId", table.parent() == null ? "" : "t" + (TABLES.indexOf(table.parent()) + 1));
      sp.addProperty("Id", tableId);
      src.addProperty("Name", table.name());
      src.addProperty("Schema", "sample");
      src.add("ColIds", srcIds);
      src.add("ColDefs", srcDefs);
      src.add("PrimaryKeys", sortByOrder(srcKeys));
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

  private static String sourceTypeText(Column c) {
    if (c.mods().isEmpty() || c.sourceType().equals("int")) {
      return c.sourceType();
    }
    StringBuilder text = new StringBuilder(c.sourceType()).append('(');
    for (int i = 0; i < c.mods().size(); i++) {
      text.append(i == 0 ? "" : ",").append(c.mods().get(i));
    }
    return text.append(')').toString();
  }

  private static JsonObject spannerColumn(String id, String name, String type, boolean notNull) {
    JsonObject t = new JsonObject();
    t.addProperty("Name", type);
    t.addProperty("Len", type.equals("STRING") ? 9223372036854775807L : 0L);
    t.addProperty("IsArray", false);
    JsonObject def = new JsonObject();
    def.addProperty("Name", name);
    def.add("T", t);
    def.addProperty("NotNull", notNull);
    def.addProperty("Id", id);
    return def;
  }

  private static JsonObject sourceColumn(String id, Column c) {
    JsonObject type = new JsonObject();
    type.addProperty("Name", c.sourceType());
    JsonArray mods = new JsonArray();
    c.mods().forEach(mods::add);
    type.add("Mods", mods);
    JsonObject def = new JsonObject();
    def.addProperty("Name", c.source());
    def.add("Type", type);
    def.addProperty("NotNull", c.notNull());
    def.addProperty("Id", id);
    return def;
  }

  private static void addKey(JsonArray keys, List<String> keyColumns, String column, String id) {
    int order = keyColumns.indexOf(column);
    if (order >= 0) {
      JsonObject key = new JsonObject();
      key.addProperty("ColId", id);
      key.addProperty("Desc", false);
      key.addProperty("Order", order + 1);
      keys.add(key);
    }
  }

  private static JsonArray sortByOrder(JsonArray keys) {
    List<JsonObject> list = new ArrayList<>();
    keys.forEach(k -> list.add(k.getAsJsonObject()));
    list.sort((a, b) -> Integer.compare(a.get("Order").getAsInt(), b.get("Order").getAsInt()));
    JsonArray sorted = new JsonArray();
    list.forEach(sorted::add);
    return sorted;
  }
}
