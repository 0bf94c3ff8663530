package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GcloudFlexTemplateCommandTest {
  static final DataflowSettings SETTINGS = new DataflowSettings("proj", "us-central1",
      "gs://b/reader.json", "gs://b/writer.json", Optional.of("sa@proj.iam.gserviceaccount.com"),
      Optional.of(5), Optional.empty(), List.of("--network=replication"), Optional.empty());

  static Map<String, String> params(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void shouldBuildRunCommandWithFlagsInOrder() {
    GcloudFlexTemplateCommand command = GcloudFlexTemplateCommand.of("rr-reader-r1",
        "gs://b/reader.json", params("instanceId", "i", "windowDuration", "10s"), SETTINGS);

    assertEquals(List.of("gcloud", "dataflow", "flex-template", "run", "rr-reader-r1",
        "--project=proj", "--region=us-central1", "--template-file-gcs-location=gs://b/reader.json",
        "--service-account-email=sa@proj.iam.gserviceaccount.com", "--max-workers=5",
        "--parameters=instanceId=i,windowDuration=10s", "--network=replication"), command.argv());
  }

  @Test
  void shouldSwitchToCustomDelimiterWhenValueHasComma() {
    String flag = GcloudFlexTemplateCommand.parametersFlag(
        params("shardingCustomParameters", "a=1,b=2", "runMode", "regular"));

    assertEquals("^~^shardingCustomParameters=a=1,b=2~runMode=regular", flag);
  }

  @Test
  void shouldPickDelimiterAbsentFromEveryValue() {
    String flag = GcloudFlexTemplateCommand.parametersFlag(
        params("shardingCustomParameters", "a~1,b|2", "runMode", "regular"));

    assertEquals("^#^shardingCustomParameters=a~1,b|2#runMode=regular", flag);
  }

  @Test
  void shouldFailWhenNoDelimiterIsFree() {
    assertThrows(IllegalArgumentException.class, () -> GcloudFlexTemplateCommand.parametersFlag(
        params("x", "~|#;!@%^*+,")));
  }

  @Test
  void shouldQuoteShellLineWordsThatNeedIt() {
    GcloudFlexTemplateCommand command = GcloudFlexTemplateCommand.of("rr-writer-r1",
        "gs://b/writer.json", params("transformationCustomParameters", "it's a b"), SETTINGS);

    assertEquals("'--parameters=transformationCustomParameters=it'\\''s a b'",
        command.argv().stream().filter(a -> a.startsWith("--parameters")).map(ShellWords::quote)
            .findFirst().orElseThrow());
  }

  @Test
  void shouldDeriveValidJobNames() {
    assertEquals("rr-reader-2024-05-01t10-15-30z", DataflowJobs.readerJobName("2024-05-01t10-15-30z", ""));
    assertEquals("rr-writer-run-7-resume", DataflowJobs.writerJobName("Run_7", "resume"));
  }
}
