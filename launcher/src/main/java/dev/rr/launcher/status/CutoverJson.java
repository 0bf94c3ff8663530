package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Renders the outcome of {@code rr cutover --json}. */
public final class CutoverJson {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private CutoverJson() {}

  /**
   * One line: {@code {"runIdentifier", "cutoverTimestamp", "verdict": "DONE"|"FAILED"|"WAITING"
   * (WAITING: the timeout passed), "reasons": [...]}}.
   */
  public static String render(String runId, Timestamp at, CutoverCheck.Outcome outcome) {
    JsonObject root = new JsonObject();
    root.addProperty("runIdentifier", runId);
    root.addProperty("cutoverTimestamp", at.toString());
    root.addProperty("verdict", outcome.verdict().name());
    JsonArray reasons = new JsonArray();
    outcome.reasons().forEach(reasons::add);
    root.add("reasons", reasons);
    return GSON.toJson(root);
  }
}
