package dev.rr.writer.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.config.ConfigException;
import dev.rr.common.config.WriterConfig;
import java.beans.Introspector;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Description;
import org.junit.jupiter.api.Test;

class FlexTemplateMetadataTest {
  private static final String METADATA = "/flex-template/writer-metadata.json";

  private static Map<String, JsonObject> parameters() throws Exception {
    try (InputStream in = FlexTemplateMetadataTest.class.getResourceAsStream(METADATA)) {
      assertNotNull(in, METADATA + " is on the classpath");
      JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
      Map<String, JsonObject> byName = new TreeMap<>();
      for (JsonElement parameter : root.getAsJsonArray("parameters")) {
        JsonObject object = parameter.getAsJsonObject();
        assertTrue(byName.put(object.get("name").getAsString(), object) == null,
            "duplicate parameter " + object.get("name"));
      }
      return byName;
    }
  }

  private static Set<String> optionNames() {
    Set<String> names = new TreeSet<>();
    for (Method method : WriterOptions.class.getDeclaredMethods()) {
      if (method.getName().startsWith("get")) {
        assertNotNull(method.getAnnotation(Description.class), method + " has a @Description");
        names.add(Introspector.decapitalize(method.getName().substring(3)));
      }
    }
    return names;
  }

  @Test
  void shouldListExactlyTheWriterOptions() throws Exception {
    assertEquals(optionNames(), parameters().keySet());
  }

  @Test
  void shouldDescribeEveryParameter() throws Exception {
    for (JsonObject parameter : parameters().values()) {
      assertFalse(parameter.get("label").getAsString().isBlank(), parameter.toString());
      assertFalse(parameter.get("helpText").getAsString().isBlank(), parameter.toString());
      assertTrue(parameter.has("isOptional"), parameter.toString());
    }
  }

  @Test
  void shouldMarkRequiredExactlyTheOptionsTheConfigRequires() throws Exception {
    Set<String> required = new TreeSet<>();
    try {
      WriterConfig.builder().build();
    } catch (ConfigException e) {
      for (String problem : e.problems()) {
        required.add(problem.substring(0, problem.indexOf(' ')));
      }
    }
    // The edge fills spannerProjectId from the pipeline's project, so the template need not.
    required.remove("spannerProjectId");

    Set<String> notOptional = new TreeSet<>();
    parameters().forEach((name, p) -> {
      if (!p.get("isOptional").getAsBoolean()) {
        notOptional.add(name);
      }
    });
    assertEquals(required, notOptional);
  }

  @Test
  void shouldAcceptTheDocumentedDefaultsWithItsRegexes() throws Exception {
    Map<String, String> examples = Map.of(
        "runMode", "resumeFailed", "sourceDbTimezoneOffset", "+05:30", "windowDuration", "10s",
        "pollInterval", "500ms", "batchSize", "1000", "spannerEmulatorHost", "localhost:9010",
        "runIdentifier", "run_20240101T000000Z", "metadataTableSuffix", "run7");
    Map<String, JsonObject> parameters = parameters();
    examples.forEach((name, value) -> {
      for (JsonElement regex : parameters.get(name).getAsJsonArray("regexes")) {
        assertTrue(Pattern.matches(regex.getAsString(), value), name + " accepts " + value);
      }
    });
  }
}
