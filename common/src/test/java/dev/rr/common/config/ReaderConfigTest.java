package dev.rr.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Options.RpcPriority;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReaderConfigTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2024-03-01T10:15:30.123456Z"), ZoneOffset.UTC);

  private static ReaderConfigBuilder minimal() {
    return ReaderConfig.builder()
        .spannerProjectId("p")
        .instanceId("inst")
        .databaseId("db")
        .changeStreamName("cs")
        .metadataDatabase("meta")
        .gcsOutputDirectory("gs://bucket/buffer/")
        .sourceShardsFilePath("gs://bucket/shards.json");
  }

  @Test
  void shouldApplyDocumentedDefaults() {
    ReaderConfig config = minimal().build(NOW);

    assertEquals(Duration.ofSeconds(10), config.windowDuration());
    assertEquals(FiltrationMode.FORWARD_MIGRATION, config.filtrationMode());
    assertEquals(ReaderRunMode.REGULAR, config.runMode());
    assertEquals("skip", config.skipDirectoryName());
    assertEquals("skip-unknown-shard", config.unknownShardDirectoryName());
    assertEquals(RpcPriority.HIGH, config.rpcPriority());
    assertFalse(config.lowLatency());
    assertEquals(Timestamp.parseTimestamp("2024-03-01T10:15:30.123Z"), config.startTimestamp());
    assertEquals("run_20240301T101530Z", config.runIdentifier());
    assertEquals("inst", config.metadataDatabase().instanceId());
    assertEquals("meta", config.metadataDatabase().databaseId());
    assertEquals("gs://bucket/buffer", config.outputDirectory());
    assertEquals(Optional.empty(), config.endTimestamp());
    assertEquals(Optional.empty(), config.sessionFilePath());
    assertEquals(Optional.empty(), config.customSharding());
    assertEquals(Optional.empty(), config.metadataTableSuffix());
    assertEquals(Optional.empty(), config.spannerEmulatorHost());
  }

  @Test
  void shouldParseEveryOptionIntoTypedValues() {
    ReaderConfig config =
        minimal()
            .metadataInstance("meta-inst")
            .metadataTableSuffix("run7")
            .startTimestamp("2024-01-01T00:00:00Z")
            .endTimestamp("2024-01-01T01:00:00.5Z")
            .windowDuration("5m")
            .filtrationMode("none")
            .sessionFilePath("/tmp/session.json")
            .skipDirectoryName("skipped")
            .runIdentifier("run-7")
            .runMode("resume")
            .shardingCustomJarPath("/tmp/f.jar")
            .shardingCustomClassName("com.example.Fetcher")
            .shardingCustomParameters("a=b")
            .spannerEmulatorHost("localhost:9010")
            .rpcPriority("low")
            .lowLatency("true")
            .build(NOW);

    assertEquals("meta-inst", config.metadataDatabase().instanceId());
    assertEquals("run7", config.metadataTableSuffix().orElseThrow().value());
    assertEquals(Timestamp.parseTimestamp("2024-01-01T00:00:00Z"), config.startTimestamp());
    assertEquals(
        Timestamp.parseTimestamp("2024-01-01T01:00:00.5Z"), config.endTimestamp().orElseThrow());
    assertEquals(Duration.ofMinutes(5), config.windowDuration());
    assertEquals(FiltrationMode.NONE, config.filtrationMode());
    assertEquals(ReaderRunMode.RESUME, config.runMode());
    assertEquals("skipped-unknown-shard", config.unknownShardDirectoryName());
    assertEquals(
        new ReaderConfig.CustomSharding("/tmp/f.jar", "com.example.Fetcher", "a=b"),
        config.customSharding().orElseThrow());
    assertEquals("localhost:9010", config.spannerEmulatorHost().orElseThrow());
    assertEquals(RpcPriority.LOW, config.rpcPriority());
    assertTrue(config.lowLatency());
  }

  @Test
  void shouldReportEveryProblemAtOnceNamingTheOptions() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ReaderConfig.builder()
                    .windowDuration("10 seconds")
                    .startTimestamp("yesterday")
                    .filtrationMode("forward")
                    .runMode("again")
                    .skipDirectoryName("a/b")
                    .rpcPriority("urgent")
                    .lowLatency("yes")
                    .build(NOW));

    List<String> problems = e.problems();
    for (String option :
        List.of(
            "spannerProjectId",
            "instanceId",
            "databaseId",
            "changeStreamName",
            "metadataDatabase",
            "gcsOutputDirectory",
            "sourceShardsFilePath",
            "windowDuration '10 seconds'",
            "startTimestamp 'yesterday'",
            "filtrationMode must be one of forward_migration, none",
            "runMode must be one of regular, resume",
            "skipDirectoryName 'a/b'",
            "rpcPriority must be one of LOW, MEDIUM, HIGH",
            "lowLatency must be one of true, false but was 'yes'")) {
      assertTrue(problems.stream().anyMatch(p -> p.startsWith(option)), option + " in " + problems);
    }
    assertEquals(14, problems.size(), problems.toString());
  }

  @Test
  void shouldRoundTheStartDownToTheMillisecondOfTheWindowGrid() {
    ReaderConfig config = minimal().startTimestamp("2024-01-01T00:00:00.123456789Z").build(NOW);
    assertEquals(Timestamp.parseTimestamp("2024-01-01T00:00:00.123Z"), config.startTimestamp());
  }

  @Test
  void shouldRejectEndTimestampBeforeStart() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                minimal()
                    .startTimestamp("2024-02-01T00:00:00Z")
                    .endTimestamp("2024-01-01T00:00:00Z")
                    .build(NOW));
    assertEquals(
        List.of("endTimestamp 2024-01-01T00:00:00Z is not after startTimestamp 2024-02-01T00:00:00Z"),
        e.problems());
  }

  @Test
  void shouldRejectCustomJarWithoutClassAndParametersWithoutClass() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> minimal().shardingCustomJarPath("/f.jar").shardingCustomParameters("x").build(NOW));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).startsWith("shardingCustomJarPath '/f.jar' is set but"));
    assertTrue(e.problems().get(1).startsWith("shardingCustomParameters is set but"));

    ConfigException classOnly =
        assertThrows(
            ConfigException.class, () -> minimal().shardingCustomClassName("a.B").build(NOW));
    assertTrue(classOnly.problems().get(0).startsWith("shardingCustomClassName 'a.B' is set but"));
  }

  @Test
  void shouldRequireRunIdentifierToResume() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> minimal().runMode("resume").build(NOW));
    assertEquals(
        List.of("runMode resume needs runIdentifier: the identifier of the run to resume"),
        e.problems());
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
                    .build(NOW));
    assertTrue(e.problems().get(0).contains("both set"), e.problems().toString());
  }

  @Test
  void shouldTreatEmptyStringAsInvalidNotUnset() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> minimal().metadataTableSuffix("bad-suffix").sessionFilePath(" ").build(NOW));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).startsWith("metadataTableSuffix 'bad-suffix'"));
    assertTrue(e.problems().get(1).startsWith("sessionFilePath is required but was blank"));
  }

  @Test
  void shouldKeepEverythingButStartWhenResumeMovesTheStart() {
    ReaderConfig config = minimal().startTimestamp("2024-01-01T00:00:00Z").build(NOW);
    Timestamp resumeAt = Timestamp.parseTimestamp("2024-01-01T00:05:00Z");

    ReaderConfig resumed = config.withStartTimestamp(resumeAt);

    assertEquals(resumeAt, resumed.startTimestamp());
    assertEquals(config.runIdentifier(), resumed.runIdentifier());
    assertEquals(config.toString().replace("00:00:00Z", "00:05:00Z"), resumed.toString());
    Timestamp end = Timestamp.parseTimestamp("2024-01-02T00:00:00Z");
    assertEquals(Optional.of(end), resumed.withEndTimestamp(end).endTimestamp());
    assertEquals(Optional.empty(), resumed.withEndTimestamp(end).withEndTimestamp(null).endTimestamp());
  }

  @Test
  void shouldReadTheSourceTypeDefaultingToMysqlAndKeepItWhenResumeMovesTheStart() {
    assertEquals(WriterConfig.SourceType.MYSQL, minimal().build(NOW).sourceType());
    ReaderConfig postgres = minimal().sourceType("postgresql").build(NOW);

    assertEquals(WriterConfig.SourceType.POSTGRESQL, postgres.sourceType());
    assertEquals(WriterConfig.SourceType.POSTGRESQL,
        postgres.withStartTimestamp(Timestamp.parseTimestamp("2024-03-01T11:00:00Z")).sourceType());
    ConfigException refused =
        assertThrows(ConfigException.class, () -> minimal().sourceType("postgres").build(NOW));
    assertTrue(refused.getMessage().contains("sourceType"), refused.getMessage());
  }

  @Test
  void shouldSurviveJavaSerialization() throws Exception {
    ReaderConfig config = minimal().endTimestamp("2030-01-01T00:00:00Z").build(NOW);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      ReaderConfig copy = (ReaderConfig) in.readObject();
      assertEquals(config.toString(), copy.toString());
      assertFalse(copy.endTimestamp().isEmpty());
    }
  }
}
