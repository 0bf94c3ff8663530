package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.launcher.cli.LaunchCommandTest;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Dataflow rejects a flex-template run whose parameters the template's metadata does not declare:
 * every parameter the launcher passes must be declared in the module's metadata JSON.
 */
class TemplateMetadataTest {
  static final String[] EVERYTHING = {
    "--runIdentifier=r1", "--region=europe-west1", "--readerTemplate=gs://b/r.json",
    "--writerTemplate=gs://b/w.json", "--sessionFilePath=gs://b/session.json",
    "--startTimestamp=2024-05-01T10:00:00Z", "--endTimestamp=2024-05-01T11:00:00Z",
    "--metadataTableSuffix=x", "--spannerHost=https://spanner.example", "--emulatorHost=localhost:9010",
    "--shardingCustomJarPath=gs://b/f.jar", "--shardingCustomClassName=a.F", "--shardingCustomParameters=p",
    "--transformationJarPath=gs://b/t.jar", "--transformationClassName=a.T",
    "--transformationCustomParameters=q"
  };

  static Set<String> declared(String resource) throws Exception {
    try (InputStream in = TemplateMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is on the classpath");
      JsonObject metadata = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
      Set<String> names = new HashSet<>();
      for (JsonElement parameter : metadata.getAsJsonArray("parameters")) {
        names.add(parameter.getAsJsonObject().get("name").getAsString());
      }
      return names;
    }
  }

  @Test
  void shouldPassOnlyReaderParametersTheReaderTemplateDeclares() throws Exception {
    LaunchConfig config = LaunchCommandTest.parse(EVERYTHING);
    Map<String, String> passed = PipelineParameters.reader(config);

    Set<String> undeclared = new HashSet<>(passed.keySet());
    undeclared.removeAll(declared("flex-template/reader-metadata.json"));

    assertEquals(Set.of(), undeclared);
    assertTrue(passed.size() >= 20, passed.keySet().toString());
  }

  @Test
  void shouldPassOnlyWriterParametersTheWriterTemplateDeclares() throws Exception {
    LaunchConfig config = LaunchCommandTest.parse(EVERYTHING);
    Map<String, String> passed = PipelineParameters.writer(config);

    Set<String> undeclared = new HashSet<>(passed.keySet());
    undeclared.removeAll(declared("flex-template/writer-metadata.json"));

    assertEquals(Set.of(), undeclared);
    assertTrue(passed.size() >= 18, passed.keySet().toString());
  }

  static JsonObject metadata(String resource) throws Exception {
    try (InputStream in = TemplateMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is on the classpath");
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
    }
  }

  static Map<String, JsonObject> parameters(JsonObject metadata) {
    Map<String, JsonObject> byName = new java.util.TreeMap<>();
    for (JsonElement parameter : metadata.getAsJsonArray("parameters")) {
      byName.put(parameter.getAsJsonObject().get("name").getAsString(), parameter.getAsJsonObject());
    }
    return byName;
  }

  /**
   * Both jobs are streaming jobs; file and directory parameters are typed as Cloud Storage paths
   * (the console offers a browser, Dataflow checks the form); both templates take the same window
   * durations.
   */
  @Test
  void shouldDeclareStreamingJobsWithTypedPathsAndOneWindowDurationRule() throws Exception {
    Map<String, String> pathTypes = Map.of("sessionFilePath", "GCS_READ_FILE",
        "sourceShardsFilePath", "GCS_READ_FILE", "gcsOutputDirectory", "GCS_WRITE_FOLDER",
        "shardingCustomJarPath", "GCS_READ_FILE", "GCSInputDirectoryPath", "GCS_READ_FOLDER",
        "transformationJarPath", "GCS_READ_FILE");
    List<String> windowRules = new java.util.ArrayList<>();
    for (String resource : List.of("flex-template/reader-metadata.json",
        "flex-template/writer-metadata.json")) {
      JsonObject metadata = metadata(resource);
      assertTrue(metadata.has("streaming") && metadata.get("streaming").getAsBoolean(), resource);
      Map<String, JsonObject> parameters = parameters(metadata);
      for (Map.Entry<String, JsonObject> parameter : parameters.entrySet()) {
        String expected = pathTypes.get(parameter.getKey());
        if (expected != null) {
          JsonElement type = parameter.getValue().get("paramType");
          assertEquals(expected, type == null ? null : type.getAsString(),
              resource + " " + parameter.getKey());
        }
      }
      windowRules.add(parameters.get("windowDuration").get("regexes").toString());
    }
    assertEquals(windowRules.get(0), windowRules.get(1), "windowDuration rules");
  }

  @Test
  void shouldManageExactlyTheParametersTheLauncherSetsAndOnlyDeclaredOnes() throws Exception {
    LaunchConfig config = LaunchCommandTest.parse(EVERYTHING);

    assertEquals(Set.of(), difference(PipelineParameters.reader(config).keySet(),
        ExtraParameters.READER_MANAGED.keySet()), "reader parameters set but not managed");
    assertEquals(Set.of(), difference(PipelineParameters.writer(config).keySet(),
        ExtraParameters.WRITER_MANAGED.keySet()), "writer parameters set but not managed");
    assertEquals(Set.of(), difference(ExtraParameters.READER_MANAGED.keySet(),
        declared(TemplateMetadata.READER)));
    assertEquals(Set.of(), difference(ExtraParameters.WRITER_MANAGED.keySet(),
        declared(TemplateMetadata.WRITER)));
    assertEquals(declared(TemplateMetadata.READER), TemplateMetadata.reader().names());
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> rest = new HashSet<>(a);
    rest.removeAll(b);
    return rest;
  }
}
