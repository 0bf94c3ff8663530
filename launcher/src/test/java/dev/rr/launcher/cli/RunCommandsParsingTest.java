package dev.rr.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.Rr;
import dev.rr.launcher.RrRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class RunCommandsParsingTest {
  static final String[] TARGET = {"--spannerProjectId=p", "--instanceId=i", "--databaseId=db"};

  @SuppressWarnings("unchecked")
  static <T> T parse(String sub, String... args) {
    String[] all = new String[args.length + TARGET.length + 1];
    all[0] = sub;
    System.arraycopy(TARGET, 0, all, 1, TARGET.length);
    System.arraycopy(args, 0, all, 1 + TARGET.length, args.length);
    CommandLine.ParseResult result = Rr.newCommandLine().parseArgs(all);
    return (T) result.subcommand().commandSpec().userObject();
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "cutover", "reprocess", "resync", "drop"})
  void shouldRequireRunIdentifier(String sub) {
    RrRun run = RrRun.of(sub, "--instanceId=i", "--databaseId=db", "--shards=a");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--runIdentifier"), run.err());
  }

  @Test
  void shouldParseStatusOptions() {
    StatusCommand status = parse("status", "--runIdentifier=r1", "--watch", "--interval=2s", "--json",
        "--metadataDatabase=meta", "--metadataTableSuffix=x");

    assertEquals("r1", status.run.runIdentifier);
    assertTrue(status.watch);
    assertTrue(status.json);
    assertEquals(Duration.ofSeconds(2), status.interval);
    assertEquals("meta", status.metadata.toTarget(status.spanner.toTarget(status.spec)).database().databaseId());
  }

  @Test
  void shouldParseCutoverOptionsWithDefaults() {
    CutoverCommand cutover = parse("cutover", "--runIdentifier=r1", "--at=2024-05-01T10:00:00Z");

    assertEquals("2024-05-01T10:00:00Z", cutover.at.toString());
    assertEquals(Duration.ofMinutes(10), cutover.timeout);
    assertEquals(Duration.ofSeconds(2), cutover.poll);
  }

  @Test
  void shouldRejectMalformedCutoverTime() {
    RrRun run = RrRun.of("cutover", "--instanceId=i", "--databaseId=db", "--spannerProjectId=p",
        "--runIdentifier=r", "--at=yesterday");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("'yesterday' is not an RFC 3339 timestamp"), run.err());
  }

  @Test
  void shouldSplitReprocessShards() {
    ReprocessCommand reprocess = parse("reprocess", "--runIdentifier=r1", "--shards=s1,s3");

    assertEquals(List.of("s1", "s3"), reprocess.shards);
  }

  @Test
  void shouldRequireShardsForReprocess() {
    RrRun run = RrRun.of("reprocess", "--spannerProjectId=p", "--instanceId=i", "--databaseId=db",
        "--runIdentifier=r1");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--shards"), run.err());
  }

  @Test
  void shouldParseResyncOptionsWithDefaults() {
    ResyncCommand resync = parse("resync", "--runIdentifier=r1", "--shard=shard2",
        "--sourceShardsFilePath=/tmp/s.json", "--tables=parent1,child11");
    ResyncCommand whole = parse("resync", "--runIdentifier=r1", "--shard=shard2",
        "--sourceShardsFilePath=/tmp/s.json", "--snapshotMaxDuration=30m");

    assertEquals("shard2", resync.shard);
    assertEquals(List.of("parent1", "child11"), resync.tables);
    assertEquals(20_000, resync.chunkRows);
    assertEquals(List.of(), whole.tables);
    assertEquals(Duration.ofMinutes(30), whole.maxDuration);
  }

  @Test
  void shouldRequireTheShardForResync() {
    RrRun run = RrRun.of("resync", "--spannerProjectId=p", "--instanceId=i", "--databaseId=db",
        "--runIdentifier=r1", "--sourceShardsFilePath=/tmp/s.json");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--shard"), run.err());
  }

  @Test
  void shouldParseDropFlagsInBothSpellings() {
    DropCommand kebab = parse("drop", "--runIdentifier=r1", "--yes", "--drop-change-stream",
        "--changeStreamName=s", "--delete-buffer", "--bufferDirectory=/tmp/b");
    DropCommand camel = parse("drop", "--runIdentifier=r1", "--dropChangeStream", "--deleteBuffer");

    assertTrue(kebab.yes && kebab.dropChangeStream && kebab.deleteBuffer);
    assertTrue(camel.dropChangeStream && camel.deleteBuffer);
    assertFalse(camel.yes);
  }

  @Test
  void shouldParseVerifyOptions() {
    VerifyCommand verify = parse("verify", "--sourceShardsFilePath=/tmp/s.json",
        "--tables=parent1,child11", "--chunkSize=50", "--readTimestamp=2024-05-01T10:00:00Z");

    assertEquals(List.of("parent1", "child11"), verify.tables);
    assertEquals(50, verify.chunkSize);
    assertEquals(10, verify.maxDifferences);
  }

  @Test
  void shouldParseQuickstartDefaults() {
    CommandLine.ParseResult result = Rr.newCommandLine().parseArgs("quickstart", "--duration=20s");
    QuickstartCommand quickstart = (QuickstartCommand) result.subcommand().commandSpec().userObject();

    assertEquals(Duration.ofSeconds(20), quickstart.duration);
    assertEquals(Duration.ofSeconds(2), quickstart.windowDuration);
    assertEquals(Path.of("rr-work/quickstart"), quickstart.workDir);
    assertEquals(3, quickstart.shards);
  }
}
