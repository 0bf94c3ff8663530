package dev.rr.common.input;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.rr.common.input.InputFileException.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A position in a parsed JSON document that knows its JSON path and records problems found there.
 * Reading a field that is absent gives a cursor on a missing value, so validation code can walk
 * the whole document and report every problem at once instead of stopping at the first.
 */
final class JsonCursor {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_VALUE_CHARS = 120;
  private static final Gson GSON = new Gson();

  private final JsonElement element;
  private final String path;
  private final List<Problem> problems;

  private JsonCursor(JsonElement element, String path, List<Problem> problems) {
    this.element = element == null ? JsonNull.INSTANCE : element;
    this.path = path;
    this.problems = problems;
  }

  /**
   * Parses {@code json} strictly (no comments, no unquoted names, nothing after the document).
   *
   * @throws InputFileException naming the file, line, column and JSON path of a syntax error
   */
  static JsonCursor parse(String fileName, String json) {
    JsonReader reader = new JsonReader(new StringReader(json));
    reader.setLenient(false);
    try {
      JsonElement root = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw malformed(fileName, reader, "unexpected content after the JSON document", null);
      }
      return new JsonCursor(root, "$", new ArrayList<>());
    } catch (IOException | JsonParseException e) {
      throw malformed(fileName, reader, firstLine(e.getMessage()), e);
    }
  }

  private static InputFileException malformed(
      String fileName, JsonReader reader, String detail, Throwable cause) {
    String path = reader.getPath();
    String message = "malformed JSON (" + detail + ")";
    return new InputFileException(
        fileName, List.of(new Problem(path.isEmpty() ? "$" : path, "<unparsable>", message)),
        cause);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  String path() {
    return path;
  }

  JsonElement element() {
    return element;
  }

  /** True when the value is absent or JSON null. */
  boolean isMissing() {
    return element.isJsonNull();
  }

  boolean isObject() {
    return element.isJsonObject();
  }

  boolean isString() {
    return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
  }

  /** The field {@code name} of this object; missing when this is not an object or lacks it. */
  JsonCursor field(String name) {
    JsonElement child = element.isJsonObject() ? element.getAsJsonObject().get(name) : null;
    return new JsonCursor(child, path + childKey(name), problems);
  }

  /** The elements of this array, empty when missing; a problem when it is not an array. */
  List<JsonCursor> elements() {
    List<JsonCursor> result = new ArrayList<>();
    if (isMissing()) {
      return result;
    }
    if (!element.isJsonArray()) {
      problem("must be a JSON array");
      return result;
    }
    for (int i = 0; i < element.getAsJsonArray().size(); i++) {
      result.add(new JsonCursor(element.getAsJsonArray().get(i), path + "[" + i + "]", problems));
    }
    return result;
  }

  /** The fields of this object in file order, empty when missing; a problem when not an object. */
  Map<String, JsonCursor> fields() {
    Map<String, JsonCursor> result = new LinkedHashMap<>();
    if (isMissing()) {
      return result;
    }
    if (!element.isJsonObject()) {
      problem("must be a JSON object");
      return result;
    }
    JsonObject object = element.getAsJsonObject();
    for (String key : object.keySet()) {
      result.put(key, new JsonCursor(object.get(key), path + childKey(key), problems));
    }
    return result;
  }

  /** A non-empty string; records a problem and returns null otherwise. */
  String requiredString() {
    if (isMissing()) {
      problem("is required");
      return null;
    }
    if (!isString()) {
      problem("must be a string");
      return null;
    }
    String value = element.getAsString();
    if (value.isBlank()) {
      problem("must not be empty");
      return null;
    }
    return value;
  }

  /** A string when present (may be empty); records a problem when present but not a string. */
  Optional<String> optionalString() {
    if (isMissing()) {
      return Optional.empty();
    }
    if (!isString()) {
      problem("must be a string");
      return Optional.empty();
    }
    return Optional.of(element.getAsString());
  }

  /** A boolean, {@code defaultValue} when missing; records a problem when not a boolean. */
  boolean optionalBoolean(boolean defaultValue) {
    if (isMissing()) {
      return defaultValue;
    }
    if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isBoolean()) {
      problem("must be true or false");
      return defaultValue;
    }
    return element.getAsBoolean();
  }

  /** Records a problem at this position showing this value. */
  void problem(String message) {
    problems.add(new Problem(path, render(), message));
  }

  /** Records a problem at this position without showing the value (for secrets). */
  void redactedProblem(String message) {
    problems.add(new Problem(path, isMissing() ? null : Problem.REDACTED, message));
  }

  /** Every problem recorded through any cursor of this document so far. */
  List<Problem> problems() {
    return problems;
  }

  /** Throws an {@link InputFileException} when any problem was recorded. */
  void throwIfProblems(String fileName) {
    if (!problems.isEmpty()) {
      throw new InputFileException(fileName, problems);
    }
  }

  /** The value as compact JSON text, shortened when long; null when missing. */
  String render() {
    if (isMissing()) {
      return null;
    }
    String lastSegment =
        path.substring(Math.max(0, Math.max(path.lastIndexOf('.'), path.lastIndexOf('['))));
    if (lastSegment.toLowerCase(Locale.ROOT).contains("password")) {
      return Problem.REDACTED;
    }
    String text = withoutSecrets(element).toString();
    return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
  }

  /** A copy of {@code value} in which every field named like a password is redacted. */
  private static JsonElement withoutSecrets(JsonElement value) {
    if (value.isJsonObject()) {
      JsonObject copy = new JsonObject();
      for (Map.Entry<String, JsonElement> field : value.getAsJsonObject().entrySet()) {
        boolean secret = field.getKey().toLowerCase(Locale.ROOT).contains("password");
        copy.add(field.getKey(),
            secret ? new JsonPrimitive(Problem.REDACTED) : withoutSecrets(field.getValue()));
      }
      return copy;
    }
    if (value.isJsonArray()) {
      JsonArray copy = new JsonArray();
      value.getAsJsonArray().forEach(item -> copy.add(withoutSecrets(item)));
      return copy;
    }
    return value;
  }

  private static String childKey(String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return "." + key;
    }
    return "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }
}
