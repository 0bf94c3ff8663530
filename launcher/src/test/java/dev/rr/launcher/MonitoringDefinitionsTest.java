package dev.rr.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.reader.dao.ConnectorReadPosition;
import dev.rr.reader.dofn.AssignShardFn;
import dev.rr.reader.dofn.FilterForwardMigratedFn;
import dev.rr.reader.dofn.SplitModsFn;
import dev.rr.reader.dofn.WriteWindowFileFn;
import dev.rr.writer.dofn.BeamShardMetrics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Monitoring dashboard and alert policies under {@code monitoring/} name only metrics the
 * pipelines emit (the name constants of the classes that count them) and the operations guide
 * documents, so a renamed counter cannot leave a chart empty or an alert silent.
 */
class MonitoringDefinitionsTest {
  private static final Path MONITORING = Path.of("..", "monitoring");
  private static final Pattern METRIC_NAME =
      Pattern.compile("metric\\.label\\.\"?metric_name\"?\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern METRIC_TYPE = Pattern.compile("metric\\.type=\"([^\"]+)\"");

  @Test
  void shouldChartAndAlertOnlyOnMetricsThePipelinesEmitAndTheGuideDocuments() throws Exception {
    Set<String> emitted = emittedMetricNames();
    String guide = Files.readString(Path.of("..", "docs", "operations.md"));
    Set<String> used = new TreeSet<>();
    for (Path file : definitionFiles()) {
      Matcher names = METRIC_NAME.matcher(filtersOf(file));
      while (names.find()) {
        used.add(names.group(1));
      }
    }

    assertTrue(used.size() >= 8, "metrics used: " + used);
    Set<String> unknown = new TreeSet<>(used);
    unknown.removeAll(emitted);
    assertEquals(Set.of(), unknown, "charted or alerted on, but no pipeline emits them");
    for (String name : used) {
      assertTrue(guide.contains("`" + name), name + " is not in docs/operations.md");
    }
  }

  @Test
  void shouldUseOnlyDataflowJobMetricsAndDocumentEveryPolicy() throws Exception {
    for (Path file : definitionFiles()) {
      String filters = filtersOf(file);
      Matcher types = METRIC_TYPE.matcher(filters);
      assertTrue(types.find(), file + " has a metric filter");
      types.reset();
      while (types.find()) {
        assertTrue(types.group(1).startsWith("dataflow.googleapis.com/job/"),
            file + ": " + types.group(1));
      }
      assertTrue(filters.contains("resource.type=\"dataflow_job\""), file.toString());
    }
    try (Stream<Path> alerts = Files.list(MONITORING.resolve("alerts"))) {
      for (Path alert : alerts.toList()) {
        JsonObject policy = JsonParser.parseString(Files.readString(alert)).getAsJsonObject();
        assertFalse(policy.get("displayName").getAsString().isBlank(), alert.toString());
        assertFalse(policy.getAsJsonArray("conditions").isEmpty(), alert.toString());
        String doc = policy.getAsJsonObject("documentation").get("content").getAsString();
        assertTrue(doc.length() > 40, alert + " tells the operator what to do");
      }
    }
  }

  /** Every public String constant of the metric-counting classes: the names they emit. */
  private static Set<String> emittedMetricNames() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Class<?> type : List.of(SplitModsFn.class, FilterForwardMigratedFn.class,
        AssignShardFn.class, WriteWindowFileFn.class, ConnectorReadPosition.class,
        BeamShardMetrics.class)) {
      for (Field field : type.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          names.add((String) field.get(null));
        }
      }
    }
    return names;
  }

  private static List<Path> definitionFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(MONITORING.resolve("dashboard.json")));
    try (Stream<Path> alerts = Files.list(MONITORING.resolve("alerts"))) {
      files.addAll(alerts.sorted().toList());
    }
    return files;
  }

  /** The file's JSON with every "filter" value, one per line (a parse error fails the test). */
  private static String filtersOf(Path file) throws IOException {
    StringBuilder filters = new StringBuilder();
    collectFilters(JsonParser.parseString(Files.readString(file)), filters);
    return filters.toString();
  }

  private static void collectFilters(JsonElement element, StringBuilder filters) {
    if (element.isJsonObject()) {
      for (var entry : element.getAsJsonObject().entrySet()) {
        if (entry.getKey().equals("filter") && entry.getValue().isJsonPrimitive()) {
          filters.append(entry.getValue().getAsString()).append('\n');
        } else {
          collectFilters(entry.getValue(), filters);
        }
      }
    } else if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(child -> collectFilters(child, filters));
    }
  }
}
