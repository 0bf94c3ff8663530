package dev.rr.launcher.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules for {@code --readerParameter} / {@code --writerParameter}: they may only add options the
 * template declares and {@code rr launch} does not set itself. An override of a managed option
 * (the buffer, the run mode, ...) would start a job that disagrees with the launch's own checks
 * and with the resume commands it prints.
 */
public final class ExtraParameters {
  /** Reader options {@code rr launch} sets, each with the {@code rr launch} option that sets it. */
  static final Map<String, String> READER_MANAGED = managed(
      "changeStreamName", "--changeStreamName", "instanceId", "--instanceId",
      "databaseId", "--databaseId", "spannerProjectId", "--spannerProjectId",
      "metadataInstance", "--metadataInstance", "metadataDatabase", "--metadataDatabase",
      "metadataTableSuffix", "--metadataTableSuffix", "startTimestamp", "--startTimestamp",
      "endTimestamp", "--endTimestamp", "sessionFilePath", "--sessionFilePath",
      "sourceShardsFilePath", "--sourceShardsFilePath", "sourceType", "--sourceType",
      "windowDuration", "--windowDuration",
      "gcsOutputDirectory", "--bufferDirectory", "filtrationMode", "--filtrationMode",
      "skipDirectoryName", "--skipDirectoryName", "runIdentifier", "--runIdentifier",
      "runMode", "--readerRunMode", "shardingCustomJarPath", "--shardingCustomJarPath",
      "shardingCustomClassName", "--shardingCustomClassName",
      "shardingCustomParameters", "--shardingCustomParameters",
      "spannerHost", "--spannerHost", PipelineParameters.EMULATOR_HOST, "--emulatorHost");

  /** Writer options {@code rr launch} sets, each with the {@code rr launch} option that sets it. */
  static final Map<String, String> WRITER_MANAGED = managed(
      "sourceShardsFilePath", "--sourceShardsFilePath", "sessionFilePath", "--sessionFilePath",
      "sourceType", "--sourceType", "sourceDbTimezoneOffset", "--sourceDbTimezoneOffset",
      "GCSInputDirectoryPath", "--bufferDirectory", "spannerProjectId", "--spannerProjectId",
      "metadataInstance", "--metadataInstance", "metadataDatabase", "--metadataDatabase",
      "metadataTableSuffix", "--metadataTableSuffix", "runIdentifier", "--runIdentifier",
      "runMode", "--writerRunMode", "startTimestamp", "--startTimestamp",
      "endTimestamp", "--endTimestamp", "windowDuration", "--windowDuration",
      "transformationJarPath", "--transformationJarPath",
      "transformationClassName", "--transformationClassName",
      "transformationCustomParameters", "--transformationCustomParameters",
      "spannerHost", "--spannerHost", PipelineParameters.EMULATOR_HOST, "--emulatorHost");

  private ExtraParameters() {}

  /** The problems of the extra reader and writer parameters of {@code config}, one sentence each. */
  public static List<String> problems(LaunchConfig config) {
    List<String> problems = new ArrayList<>();
    check("--readerParameter", config.extraReaderParameters(), READER_MANAGED,
        TemplateMetadata.reader(), problems);
    check("--writerParameter", config.extraWriterParameters(), WRITER_MANAGED,
        TemplateMetadata.writer(), problems);
    return problems;
  }

  private static void check(String option, Map<String, String> extras, Map<String, String> managed,
      TemplateMetadata template, List<String> problems) {
    for (String name : extras.keySet()) {
      if (managed.containsKey(name)) {
        problems.add(option + " " + name + ": rr launch sets " + name + " itself (from "
            + managed.get(name) + "); give that instead, so the checks and the printed resume"
            + " commands match the job");
      } else if (!template.declares(name)) {
        problems.add(option + " " + name + ": the " + template.template()
            + " template declares no such parameter; it takes "
            + template.names().stream().filter(n -> !managed.containsKey(n)).sorted().toList());
      }
    }
  }

  private static Map<String, String> managed(String... nameThenOption) {
    Map<String, String> managed = new LinkedHashMap<>();
    for (int i = 0; i < nameThenOption.length; i += 2) {
      managed.put(nameThenOption[i], nameThenOption[i + 1]);
    }
    return Map.copyOf(managed);
  }
}
