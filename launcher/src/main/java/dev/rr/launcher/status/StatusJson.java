package dev.rr.launcher.status;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.rr.writer.snapshot.TableLoad;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@link RunState} as the JSON document of {@code rr status --json}. */
public final class StatusJson {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private StatusJson() {}

  /**
   * One line: {@code {"runIdentifier", "readAt", "shards": [{"shard", "status", "createdUpto",
   * "processedUpto", "lastCommitTimestamp", "lagSeconds" (now - processedUpto), "backlogSeconds",
   * "recordsApplied", "error", "updatedAt", "secondsSinceUpdate"}]}}; absent values are JSON
   * null, times RFC 3339.
   */
  public static String render(RunState state) {
    return render(state, Map.of());
  }

  /**
   * As {@link #render(RunState)}, plus {@code "loads"}: one entry per shard that an initial
   * snapshot or {@code rr resync} is loading (read from the shards' own databases with {@code
   * --sourceShardsFilePath}), in shard order: {@code {"shard", "state" ("SNAPSHOT", "RESYNC
   * (fenced)", "RESYNC"), "fencedAt" (the resync's T, null when not fenced), "unreadable" (why the
   * shard's database could not be read, else null), "tables": [{"table", "kind", "rowsLoaded",
   * "rowsEstimated", "percent", "chunksDone", "chunkCount", "rowsPerSecond", "etaSeconds" (null
   * before a chunk finished)}]}}. Without the shards file, or with nothing loading, it is empty.
   */
  public static String render(RunState state, Map<String, ShardLoad> loads) {
    JsonObject root = new JsonObject();
    root.addProperty("runIdentifier", state.runId());
    root.addProperty("readAt", state.readAt().toString());
    JsonArray shards = new JsonArray();
    for (ShardState shard : state.shards()) {
      JsonObject row = new JsonObject();
      row.addProperty("shard", shard.shard());
      row.addProperty("status", shard.status().map(Enum::name).orElse(null));
      row.addProperty("createdUpto", shard.createdUpto().map(Object::toString).orElse(null));
      row.addProperty("processedUpto", shard.processedUpto().map(Object::toString).orElse(null));
      row.addProperty("lastCommitTimestamp", shard.lastCommit().map(Object::toString).orElse(null));
      row.addProperty("lagSeconds",
          shard.lag(state.readAt()).map(d -> d.toMillis() / 1000.0).orElse(null));
      row.addProperty("backlogSeconds", shard.backlog().map(d -> d.toMillis() / 1000.0).orElse(null));
      row.addProperty("recordsApplied", shard.recordsApplied());
      row.addProperty("error", shard.error().orElse(null));
      row.addProperty("updatedAt", shard.updatedAt().map(Object::toString).orElse(null));
      row.addProperty("secondsSinceUpdate",
          shard.sinceUpdate(state.readAt()).map(d -> d.toMillis() / 1000.0).orElse(null));
      shards.add(row);
    }
    root.add("shards", shards);
    root.add("loads", loads(loads));
    return GSON.toJson(root);
  }

  private static JsonArray loads(Map<String, ShardLoad> loads) {
    JsonArray array = new JsonArray();
    for (ShardLoad load : new TreeMap<>(loads).values()) {
      if (!load.underWay() && load.unreadable().isEmpty()) {
        continue;
      }
      JsonObject row = new JsonObject();
      row.addProperty("shard", load.shard());
      row.addProperty("state", load.state().orElse(null));
      row.addProperty("fencedAt", load.fence().map(f -> f.readAt().toString()).orElse(null));
      row.addProperty("unreadable", load.unreadable().orElse(null));
      JsonArray tables = new JsonArray();
      for (TableLoad table : load.tables()) {
        JsonObject entry = new JsonObject();
        entry.addProperty("table", table.table());
        entry.addProperty("kind", table.kind().name());
        entry.addProperty("rowsLoaded", table.loaded());
        entry.addProperty("rowsEstimated", table.estimated());
        entry.addProperty("percent", table.percent());
        entry.addProperty("chunksDone", table.chunksDone());
        entry.addProperty("chunkCount", table.chunkCount());
        entry.addProperty("rowsPerSecond", Math.round(table.rowsPerSecond() * 10) / 10.0);
        entry.addProperty("etaSeconds",
            table.eta().map(d -> d.toMillis() / 1000.0).orElse(null));
        tables.add(entry);
      }
      row.add("tables", tables);
      array.add(row);
    }
    return array;
  }
}
