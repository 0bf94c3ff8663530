package dev.rr.launcher.verify;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Renders a {@link VerifyReport} as the JSON document of {@code rr verify --json}. */
public final class VerifyJson {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private VerifyJson() {}

  /**
   * One line: {@code {"readTimestamp", "equal", "spannerRows", "missing", "extra", "different",
   * "unroutedRows", "unroutedExamples": [...], "tables": [{"table", "shard", "spannerRows",
   * "shardRows", "matched", "missing", "extra", "different", "equal", "examples": [...]}]}}.
   */
  public static String render(VerifyReport report) {
    JsonObject root = new JsonObject();
    root.addProperty("readTimestamp", report.readTimestamp().toString());
    root.addProperty("equal", report.equal());
    root.addProperty("spannerRows", report.spannerRows());
    root.addProperty("missing", report.missing());
    root.addProperty("extra", report.extra());
    root.addProperty("different", report.different());
    root.addProperty("unroutedRows", report.unroutedRows());
    root.add("unroutedExamples", strings(report.unroutedExamples()));
    JsonArray tables = new JsonArray();
    for (TableReport table : report.tables()) {
      JsonObject row = new JsonObject();
      row.addProperty("table", table.table());
      row.addProperty("shard", table.shard());
      row.addProperty("spannerRows", table.spannerRows());
      row.addProperty("shardRows", table.shardRows());
      row.addProperty("matched", table.matched());
      row.addProperty("missing", table.missing());
      row.addProperty("extra", table.extra());
      row.addProperty("different", table.different());
      row.addProperty("equal", table.equal());
      row.add("examples", strings(table.examples()));
      tables.add(row);
    }
    root.add("tables", tables);
    return GSON.toJson(root);
  }

  private static JsonArray strings(java.util.List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }
}
