package dev.rr.launcher.launch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code gcloud} commands that follow a launch, and what their JSON output says. Shapes, as
 * gcloud prints them with {@code --format=json}:
 * <ul>
 *   <li>{@code gcloud dataflow flex-template run}: the {@code LaunchFlexTemplateResponse}, {@code
 *       {"job": {"id": "2024-05-01_03_04_05-123...", "name": ..., "projectId": ..., "location":
 *       ...}}};
 *   <li>{@code gcloud dataflow jobs describe}: the {@code Job}, {@code {"id": ...,
 *       "currentState": "JOB_STATE_RUNNING", ...}};
 *   <li>{@code gcloud dataflow logs list --importance=error}: a list of {@code JobMessage}s,
 *       {@code [{"messageImportance": "JOB_MESSAGE_ERROR", "messageText": ..., "time": ...}]}.
 * </ul>
 */
public final class GcloudJobs {
  private GcloudJobs() {}

  /** The output flag appended to every gcloud command whose output {@code rr} reads. */
  static final String JSON = "--format=json";

  /** The job id in {@code flex-template run}'s JSON output; empty when it holds none. */
  public static Optional<String> launchedJobId(String runOutput) {
    return object(runOutput)
        .map(response -> response.has("job") && response.get("job").isJsonObject()
            ? response.getAsJsonObject("job") : response)
        .flatMap(job -> text(job, "id"));
  }

  /** The {@code currentState} in {@code jobs describe}'s JSON output; empty when it holds none. */
  public static Optional<String> currentState(String describeOutput) {
    return object(describeOutput).flatMap(job -> text(job, "currentState"));
  }

  /** The {@code messageText}s in {@code logs list}'s JSON output, oldest first as listed. */
  public static List<String> messageTexts(String logsOutput) {
    List<String> texts = new ArrayList<>();
    try {
      JsonElement parsed = JsonParser.parseString(logsOutput.isBlank() ? "[]" : logsOutput);
      JsonArray messages = parsed.isJsonArray() ? parsed.getAsJsonArray() : new JsonArray();
      for (JsonElement message : messages) {
        if (message.isJsonObject()) {
          text(message.getAsJsonObject(), "messageText").ifPresent(texts::add);
        }
      }
    } catch (JsonParseException e) {
      // Not JSON (an older gcloud, a warning on stdout): no messages to show, the caller says so.
    }
    return texts;
  }

  /** {@code gcloud dataflow jobs describe <id>}, as {@code rr} runs it (JSON output). */
  public static List<String> describe(String jobId, DataflowSettings settings) {
    return List.of("gcloud", "dataflow", "jobs", "describe", jobId,
        "--project=" + settings.project(), "--region=" + settings.region(), JSON);
  }

  /** {@code gcloud dataflow logs list <id> --importance=error}, as {@code rr} runs it. */
  public static List<String> errorLogs(String jobId, DataflowSettings settings) {
    return List.of("gcloud", "dataflow", "logs", "list", jobId,
        "--project=" + settings.project(), "--region=" + settings.region(),
        "--importance=error", JSON);
  }

  /** The command an operator runs to watch a job's state, as a shell line. */
  public static String watchLine(String jobId, DataflowSettings settings) {
    return ShellWords.render(List.of("gcloud", "dataflow", "jobs", "describe", jobId,
        "--project=" + settings.project(), "--region=" + settings.region(),
        "--format=value(currentState)"));
  }

  /** The job's page in the Cloud console. */
  public static String consoleUrl(String jobId, DataflowSettings settings) {
    return "https://console.cloud.google.com/dataflow/jobs/" + settings.region() + "/" + jobId
        + "?project=" + settings.project();
  }

  private static Optional<JsonObject> object(String output) {
    try {
      JsonElement parsed = JsonParser.parseString(output);
      return parsed.isJsonObject() ? Optional.of(parsed.getAsJsonObject()) : Optional.empty();
    } catch (JsonParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value != null && value.isJsonPrimitive() && !value.getAsString().isBlank()
        ? Optional.of(value.getAsString()) : Optional.empty();
  }
}
