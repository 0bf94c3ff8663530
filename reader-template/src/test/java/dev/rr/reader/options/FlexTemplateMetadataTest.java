package dev.rr.reader.options;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.config.ConfigException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flex-template metadata and the options interface cannot drift apart. */
class FlexTemplateMetadataTest {
  static final String RESOURCE = "/flex-template/reader-metadata.json";

  /** A valid value for every option, so that each option can be left out in turn. */
  static final Map<String, String> VALID = new LinkedHashMap<>();

  static {
    VALID.put("changeStreamName", "orders_stream");
    VALID.put("instanceId", "test-instance");
    VALID.put("databaseId", "orders-db");
    VALID.put("spannerProjectId", "test-project");
    VALID.put("metadataInstance", "meta-instance");
    VALID.put("metadataDatabase", "meta-db");
    VALID.put("startTimestamp", "2024-01-01T00:00:00Z");
    VALID.put("endTimestamp", "2024-01-01T01:00:00.123456Z");
    VALID.put("sessionFilePath", "gs://bucket/session.json");
    VALID.put("sourceType", "postgresql");
    VALID.put("windowDuration", "10s");
    VALID.put("gcsOutputDirectory", "gs://bucket/buffer");
    VALID.put("filtrationMode", "forward_migration");
    VALID.put("sourceShardsFilePath", "gs://bucket/shards.json");
    VALID.put("metadataTableSuffix", "run_7");
    VALID.put("skipDirectoryName", "skip");
    VALID.put("runIdentifier", "run-7");
    VALID.put("runMode", "regular");
    VALID.put("shardingCustomJarPath", "gs://bucket/fetcher.jar");
    VALID.put("shardingCustomClassName", "com.example.Fetcher");
    VALID.put("shardingCustomParameters", "k=v");
    VALID.put("spannerHost", "https://spanner.googleapis.com");
    VALID.put("spannerEmulatorHost", "localhost:9010");
    VALID.put("rpcPriority", "HIGH");
    VALID.put("lowLatency", "true");
  }

  private static Map<String, JsonObject> parameters;

  @BeforeAll
  static void load() throws Exception {
    try (Reader reader =
        new InputStreamReader(
            FlexTemplateMetadataTest.class.getResourceAsStream(RESOURCE), StandardCharsets.UTF_8)) {
      JsonArray array = JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("parameters");
      parameters = new LinkedHashMap<>();
      for (JsonElement element : array) {
        JsonObject parameter = element.getAsJsonObject();
        JsonObject previous = parameters.put(parameter.get("name").getAsString(), parameter);
        assertNull(previous, "duplicate parameter " + parameter.get("name"));
      }
    }
  }

  private static Map<String, String> descriptions() {
    Map<String, String> options = new LinkedHashMap<>();
    for (Method method : ReaderOptions.class.getDeclaredMethods()) {
      if (method.getName().startsWith("get")) {
        String name =
            Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
        options.put(name, method.getAnnotation(Description.class).value());
      }
    }
    return options;
  }

  @Test
  void shouldListExactlyTheOptionsOfTheInterface() {
    assertEquals(new TreeSet<>(descriptions().keySet()), new TreeSet<>(parameters.keySet()));
    assertEquals(new TreeSet<>(descriptions().keySet()), new TreeSet<>(VALID.keySet()));
  }

  @Test
  void shouldUseTheInterfaceDescriptionAsHelpTextAndGiveEveryParameterALabel() {
    descriptions()
        .forEach(
            (name, description) -> {
              JsonObject parameter = parameters.get(name);
              assertEquals(description, parameter.get("helpText").getAsString(), name);
              assertFalse(parameter.get("label").getAsString().isBlank(), name);
            });
  }

  @Test
  void shouldMarkAParameterRequiredExactlyWhenTheConfigCannotDoWithoutIt() {
    // Options that only make sense together with another are left out of the base; the base
    // builds without them, so they are optional.
    Map<String, String> base = consistent(new LinkedHashMap<>(VALID));
    List.of("endTimestamp", "shardingCustomJarPath", "shardingCustomClassName",
        "shardingCustomParameters").forEach(base::remove);
    assertTrue(builds(base));
    List<String> mismatches = new ArrayList<>();
    for (String option : VALID.keySet()) {
      Map<String, String> values = new LinkedHashMap<>(base);
      values.remove(option);
      // spannerProjectId falls back to the pipeline's project at the edge
      boolean required = !option.equals("spannerProjectId") && !builds(values);
      boolean optional = parameters.get(option).get("isOptional").getAsBoolean();
      if (optional == required) {
        mismatches.add(option + " isOptional=" + optional);
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void shouldAcceptEveryValidValueAndTheDocumentedDefaultsWithTheRegexes() {
    Map<String, List<String>> samples = new LinkedHashMap<>();
    VALID.forEach((name, value) -> samples.put(name, new ArrayList<>(List.of(value))));
    samples.get("windowDuration").addAll(List.of("500ms", "5m", "1h"));
    samples.get("filtrationMode").add("none");
    samples.get("runMode").add("resume");
    samples.get("rpcPriority").addAll(List.of("LOW", "medium"));
    samples.get("startTimestamp").add("2024-01-01T00:00:00.5+01:00");
    samples.forEach(
        (name, values) -> {
          for (String value : values) {
            for (Pattern regex : regexes(name)) {
              assertTrue(regex.matcher(value).matches(), name + "=" + value + " vs " + regex);
            }
          }
        });
  }

  @Test
  void shouldRejectWithTheRegexesWhatTheConfigRejects() {
    Map<String, String> invalid =
        Map.of(
            "windowDuration", "10 seconds",
            "filtrationMode", "forward",
            "runMode", "again",
            "rpcPriority", "urgent",
            "skipDirectoryName", "a/b",
            "metadataTableSuffix", "run-7",
            "spannerEmulatorHost", "localhost",
            "startTimestamp", "yesterday");
    invalid.forEach(
        (name, value) -> {
          assertFalse(regexes(name).isEmpty(), name + " has no regex");
          assertTrue(
              regexes(name).stream().anyMatch(r -> !r.matcher(value).matches()),
              name + "=" + value + " passes the regexes");
          Map<String, String> values = consistent(new LinkedHashMap<>(VALID));
          values.put(name, value);
          assertThrows(ConfigException.class, () -> build(values), name + "=" + value);
        });
  }

  @Test
  void shouldParseTheMetadataOptionsAsPipelineArguments() {
    Map<String, String> values = consistent(new LinkedHashMap<>(VALID));
    String[] args =
        values.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ReaderOptions options = PipelineOptionsFactory.fromArgs(args).as(ReaderOptions.class);
    assertDoesNotThrow(() -> ReaderConfigs.fromOptions(options));
  }

  private static List<Pattern> regexes(String name) {
    List<Pattern> patterns = new ArrayList<>();
    JsonArray regexes = parameters.get(name).getAsJsonArray("regexes");
    if (regexes != null) {
      regexes.forEach(r -> patterns.add(Pattern.compile(r.getAsString())));
    }
    return patterns;
  }

  /** VALID without the options that exclude each other (spannerHost vs emulator). */
  private static Map<String, String> consistent(Map<String, String> values) {
    values.remove("spannerHost");
    return values;
  }

  private static boolean builds(Map<String, String> values) {
    try {
      build(values);
      return true;
    } catch (ConfigException e) {
      return false;
    }
  }

  private static void build(Map<String, String> values) {
    ReaderOptions options = PipelineOptionsFactory.as(ReaderOptions.class);
    values.forEach(
        (name, value) -> {
          try {
            Method setter =
                ReaderOptions.class.getMethod(
                    "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1), String.class);
            setter.invoke(options, value);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError("no setter for " + name, e);
          }
        });
    ReaderConfigs.fromOptions(options);
  }
}
