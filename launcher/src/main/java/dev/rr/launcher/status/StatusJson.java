package dev.rr.launcher.status;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

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
    return GSON.toJson(root);
  }
}
