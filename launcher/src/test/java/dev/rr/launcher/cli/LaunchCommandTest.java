package dev.rr.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.FiltrationMode;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.launch.Jobs;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.Runner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

public class LaunchCommandTest {
  static final List<String> REQUIRED = List.of(
      "launch", "--spannerProjectId=p", "--instanceId=i", "--databaseId=db",
      "--changeStreamName=stream", "--bufferDirectory=gs://b/buf",
      "--sourceShardsFilePath=gs://b/shards.json");

  static String[] args(String... more) {
    List<String> all = new ArrayList<>(REQUIRED);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  public static LaunchConfig parse(String... more) {
    CommandLine commandLine = dev.rr.launcher.Rr.newCommandLine();
    CommandLine.ParseResult result = commandLine.parseArgs(args(more));
    LaunchCommand command = (LaunchCommand) result.subcommand().commandSpec().userObject();
    return command.toConfig();
  }

  @Test
  void shouldApplyDocumentedDefaults() {
    LaunchConfig config = parse("--runner=direct", "--runIdentifier=run1");

    assertEquals(Jobs.BOTH, config.run().jobs());
    assertEquals(Runner.DIRECT, config.run().runner());
    assertEquals(ReaderRunMode.REGULAR, config.run().readerRunMode());
    assertEquals(WriterRunMode.REGULAR, config.run().writerRunMode());
    assertEquals(Duration.ofSeconds(10), config.replication().windowDuration());
    assertEquals(FiltrationMode.FORWARD_MIGRATION, config.replication().filtrationMode());
    assertEquals("skip", config.replication().skipDirectoryName());
    assertEquals("i", config.metadata().database().instanceId());
    assertEquals("db_rrmeta", config.metadata().database().databaseId());
    assertTrue(config.dataflow().isEmpty());
  }

  @Test
  void shouldDeriveRunIdentifierFromUtcTimeWhenNotGiven() {
    LaunchConfig config = parse("--runner=direct");

    assertTrue(config.run().runIdentifier().matches("\\d{4}-\\d\\d-\\d\\dt\\d\\d-\\d\\d-\\d\\dz"),
        config.run().runIdentifier());
  }

  @Test
  void shouldParseTypedValues() {
    LaunchConfig config = parse("--runner=DIRECT", "--jobs=writer", "--windowDuration=2s",
        "--startTimestamp=2024-05-01T10:00:00Z", "--endTimestamp=2024-05-01T11:00:00.5Z",
        "--writerRunMode=resumeFailed", "--sourceDbTimezoneOffset=+05:30",
        "--writerParameter", "maxShardConnections=4");

    assertEquals(Jobs.WRITER, config.run().jobs());
    assertEquals(Duration.ofSeconds(2), config.replication().windowDuration());
    assertEquals("2024-05-01T11:00:00.500000000Z", config.replication().endTimestamp().get().toString());
    assertEquals(WriterRunMode.RESUME_FAILED, config.run().writerRunMode());
    assertEquals("+05:30", config.replication().sourceTimezone().orElseThrow().getId());
    assertEquals("4", config.extraWriterParameters().get("maxShardConnections"));
  }

  @Test
  void shouldRejectMissingRequiredOptionsNamingThem() {
    RrRun run = RrRun.of("launch", "--instanceId=i");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--databaseId"), run.err());
    assertTrue(run.err().contains("--changeStreamName"), run.err());
  }

  @Test
  void shouldRejectMalformedDuration() {
    RrRun run = RrRun.of(args("--runner=direct", "--windowDuration=10 seconds", "--dry-run"));

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("'10 seconds' is not a valid duration"), run.err());
  }

  @Test
  void shouldRejectUnknownRunMode() {
    RrRun run = RrRun.of(args("--runner=direct", "--writerRunMode=resumeEverything", "--dry-run"));

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("resumeEverything"), run.err());
    assertTrue(run.err().contains("resumeFailed"), run.err());
  }

  @Test
  void shouldRejectEndBeforeStartNamingBoth() {
    RrRun run = RrRun.of(args("--runner=direct", "--dry-run",
        "--startTimestamp=2024-02-01T00:00:00Z", "--endTimestamp=2024-01-01T00:00:00Z"));

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains(
        "endTimestamp 2024-01-01T00:00:00Z is before startTimestamp 2024-02-01T00:00:00Z"), run.err());
  }

  @Test
  void shouldRequireRegionAndTemplatesForDataflow() {
    RrRun run = RrRun.of(args("--dry-run"));

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--runner dataflow needs --region, --readerTemplate, --writerTemplate"),
        run.err());
  }

  @Test
  void shouldRequireCustomJarAndClassTogether() {
    RrRun run = RrRun.of(args("--runner=direct", "--dry-run", "--shardingCustomJarPath=gs://b/f.jar"));

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--shardingCustomJarPath and --shardingCustomClassName"), run.err());
  }

  @Test
  void shouldRequireProjectUnlessEmulator() {
    RrRun withoutProject = RrRun.of("launch", "--instanceId=i", "--databaseId=db",
        "--changeStreamName=s", "--bufferDirectory=/tmp/b", "--sourceShardsFilePath=/tmp/s.json",
        "--runner=direct", "--dry-run", "--spannerProjectId=");
    LaunchConfig onEmulator = parse("--runner=direct", "--emulatorHost=localhost:9010");

    assertEquals(ExitCode.USAGE, withoutProject.exitCode());
    assertTrue(withoutProject.err().contains("--spannerProjectId"), withoutProject.err());
    assertEquals("localhost:9010", onEmulator.source().emulatorHost().get());
  }

  @Test
  void shouldWaitOnlyWhenAskedAndOnlyOnDataflow() {
    String[] dataflow = {"--region=us-central1", "--readerTemplate=gs://b/r.json",
        "--writerTemplate=gs://b/w.json"};
    LaunchConfig noWait = parse(dataflow);
    List<String> waiting = new ArrayList<>(List.of(dataflow));
    waiting.addAll(List.of("--wait", "--waitTimeout=5m"));
    LaunchConfig withWait = parse(waiting.toArray(String[]::new));
    RrRun direct = RrRun.of(args("--runner=direct", "--dry-run", "--wait"));

    assertTrue(noWait.dataflow().orElseThrow().waitTimeout().isEmpty());
    assertEquals(Duration.ofMinutes(5), withWait.dataflow().orElseThrow().waitTimeout().orElseThrow());
    assertEquals(ExitCode.USAGE, direct.exitCode());
    assertTrue(direct.err().contains("--wait applies to --runner dataflow only"), direct.err());
  }
}
