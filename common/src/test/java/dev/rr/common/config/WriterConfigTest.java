package dev.rr.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriterConfigTest {

  private static WriterConfigBuilder minimal() {
    return WriterConfig.builder()
        .sourceShardsFilePath("gs://bucket/shards.json")
        .spannerProjectId("p")
        .metadataInstance("i")
        .metadataDatabase("meta")
        .runIdentifier("run_1");
  }

  @Test
  void shouldApplyDefaultsWhenOnlyRequiredOptionsAreGiven() {
    WriterConfig config = minimal().build();

    assertEquals(WriterRunMode.REGULAR, config.runMode());
    assertEquals(WriterConfig.SourceType.MYSQL, config.sourceType());
    // Absent, so that the session file's TimezoneOffset can apply (SourceTimezone).
    assertEquals(Optional.empty(), config.sourceDbTimezoneOffset());
    assertEquals(WriterConfigBuilder.DEFAULT_BATCH_SIZE, config.batchSize());
    assertEquals(WriterConfigBuilder.DEFAULT_MAX_SHARD_CONNECTIONS, config.maxShardConnections());
    assertEquals(Duration.ofSeconds(2), config.pollInterval());
    assertEquals(Optional.empty(), config.sessionFilePath());
    assertEquals(Optional.empty(), config.bufferDirectory());
    assertEquals(Optional.empty(), config.startTimestamp());
    assertEquals(Optional.empty(), config.endTimestamp());
    assertEquals(Optional.empty(), config.windowDuration());
    assertEquals(Optional.empty(), config.transformation());
    assertEquals(Optional.empty(), config.metadataTableSuffix());
    assertEquals("projects/p/instances/i/databases/meta", config.metadataDatabase().toString());
  }

  @Test
  void shouldParseEveryOptionIntoTypedValues() {
    WriterConfig config =
        minimal()
            .sessionFilePath("/tmp/session.json")
            .sourceDbTimezoneOffset("+05:30")
            .bufferDirectory("gs://bucket/buffer/")
            .metadataTableSuffix("run7")
            .runMode("resumeFailed")
            .startTimestamp("2024-01-01T00:00:00Z")
            .endTimestamp("2024-01-02T00:00:00.5Z")
            .windowDuration("10s")
            .transformationJarPath("gs://bucket/t.jar")
            .transformationClassName("com.example.T")
            .transformationCustomParameters("a=b")
            .maxShardConnections("8")
            .batchSize("250")
            .pollInterval("500ms")
            .spannerEmulatorHost("localhost:9010")
            .build();

    assertEquals(Optional.of("/tmp/session.json"), config.sessionFilePath());
    assertEquals(Optional.of(ZoneOffset.ofHoursMinutes(5, 30)), config.sourceDbTimezoneOffset());
    assertEquals(Optional.of("gs://bucket/buffer"), config.bufferDirectory());
    assertEquals("run7", config.metadataTableSuffix().orElseThrow().value());
    assertEquals(WriterRunMode.RESUME_FAILED, config.runMode());
    assertEquals(Timestamp.parseTimestamp("2024-01-01T00:00:00Z"), config.startTimestamp().get());
    assertEquals(Timestamp.parseTimestamp("2024-01-02T00:00:00.5Z"), config.endTimestamp().get());
    assertEquals(Optional.of(Duration.ofSeconds(10)), config.windowDuration());
    assertEquals(
        new WriterConfig.CustomTransformation("gs://bucket/t.jar", "com.example.T", "a=b"),
        config.transformation().orElseThrow());
    assertEquals(8, config.maxShardConnections());
    assertEquals(250, config.batchSize());
    assertEquals(Duration.ofMillis(500), config.pollInterval());
    assertEquals(Optional.of("localhost:9010"), config.spannerEmulatorHost());
  }

  @Test
  void shouldReportEveryInvalidOptionInOneException() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                WriterConfig.builder()
                    .sourceType("postgres")
                    .sourceDbTimezoneOffset("UTC")
                    .runMode("resumeEverything")
                    .startTimestamp("yesterday")
                    .windowDuration("10 seconds")
                    .batchSize("0")
                    .maxShardConnections("many")
                    .pollInterval("-1s")
                    .metadataTableSuffix("bad-suffix")
                    .build());

    String all = String.join("\n", e.problems());
    for (String option :
        new String[] {
          "sourceShardsFilePath", "spannerProjectId", "metadataInstance", "metadataDatabase",
          "runIdentifier", "sourceType", "sourceDbTimezoneOffset", "runMode", "startTimestamp",
          "windowDuration", "batchSize", "maxShardConnections", "pollInterval",
          "metadataTableSuffix"
        }) {
      assertTrue(all.contains(option), () -> option + " not reported in:\n" + all);
    }
    assertEquals(14, e.problems().size(), all);
  }

  @Test
  void shouldRejectEndTimestampNotAfterStartTimestamp() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                minimal()
                    .startTimestamp("2024-02-01T00:00:00Z")
                    .endTimestamp("2024-01-01T00:00:00Z")
                    .build());

    assertEquals(
        "endTimestamp 2024-01-01T00:00:00Z is not after startTimestamp 2024-02-01T00:00:00Z",
        e.problems().get(0));
  }

  @Test
  void shouldRequireTransformationJarAndClassTogether() {
    ConfigException jarOnly =
        assertThrows(
            ConfigException.class, () -> minimal().transformationJarPath("/t.jar").build());
    ConfigException parametersOnly =
        assertThrows(
            ConfigException.class,
            () -> minimal().transformationCustomParameters("x").build());

    assertTrue(jarOnly.problems().get(0).contains("transformationClassName is not"));
    assertTrue(parametersOnly.problems().get(0).contains("transformationClassName is not"));
  }

  @Test
  void shouldRejectBothSpannerEndpoints() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                minimal()
                    .spannerHost("https://spanner.example.com")
                    .spannerEmulatorHost("localhost:9010")
                    .build());

    assertTrue(e.problems().get(0).contains("give at most one"));
  }

  @Test
  void shouldSwitchRunModeKeepingEverythingElse() {
    WriterConfig config = minimal().batchSize("7").build();

    WriterConfig resumed = config.withRunMode(WriterRunMode.RESUME_ALL);

    assertEquals(WriterRunMode.RESUME_ALL, resumed.runMode());
    assertEquals(7, resumed.batchSize());
    assertEquals(config.toString().replace("regular", "resumeAll"), resumed.toString());
  }

  @Test
  void shouldSurviveJavaSerializationForPipelineSteps() throws Exception {
    WriterConfig config = minimal().startTimestamp("2024-01-01T00:00:00Z").build();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertEquals(config.toString(), copy.toString());
  }

  @Test
  void shouldParsePostgresqlSourceType() {
    assertEquals(WriterConfig.SourceType.POSTGRESQL, WriterConfig.SourceType.parse("postgresql"));
    assertEquals(5432, WriterConfig.SourceType.POSTGRESQL.defaultPort());
  }
}
