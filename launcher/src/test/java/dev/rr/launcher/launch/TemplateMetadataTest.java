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
