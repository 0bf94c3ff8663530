package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rr launch --dry-run} refuses, offline and before printing any plan, what the templates
 * or Dataflow would refuse later: exit 2, every problem on stderr, nothing on stdout.
 */
class LaunchValidationTest {
  @TempDir Path dir;

  static final String[] DATAFLOW = LaunchPlanTest.DATAFLOW;

  static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(base));
    for (String option : more) {
      String name = option.substring(0, option.indexOf('=') + 1);
      all.removeIf(a -> a.startsWith(name) && !name.equals("--readerParameter=")
          && !name.equals("--writerParameter="));
      all.add(option);
    }
    return all.toArray(String[]::new);
  }

  String[] direct(String shardsJson, String... more) throws Exception {
    Path shards = dir.resolve("shards.json");
    if (shardsJson != null) {
      Files.writeString(shards, shardsJson);
    }
    List<String> args = new ArrayList<>(List.of("launch", "--dry-run", "--runner=direct",
        "--runIdentifier=local1", "--emulatorHost=localhost:9010", "--instanceId=inst",
        "--databaseId=appdb", "--changeStreamName=rrstream",
        "--bufferDirectory=" + dir.resolve("buffer"), "--sourceShardsFilePath=" + shards));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static String shard(String id) {
    return "{\"logicalShardId\":\"" + id + "\",\"host\":\"127.0.0.1\",\"port\":3306,"
        + "\"user\":\"u\",\"password\":\"p\",\"dbName\":\"d\"}";
  }

  static void assertRefused(RrRun run, String... expected) {
    assertEquals(ExitCode.USAGE, run.exitCode(), run.out() + run.err());
    assertEquals("", run.out(), "no plan, not even half of one");
    for (String text : expected) {
      assertTrue(run.err().contains(text), run.err());
    }
  }

  @Test
  void shouldRefuseAnInstanceIdTheTemplateRegexRefuses() {
    RrRun run = RrRun.of(with(DATAFLOW, "--instanceId=Bad_Instance"));

    assertRefused(run, "reader parameter instanceId='Bad_Instance' does not match "
        + "^[a-z][-a-z0-9]{0,62}[a-z0-9]$");
  }

  @Test
  void shouldRefuseLocalPathsOnDataflowNamingEachOption() {
    RrRun run = RrRun.of(with(DATAFLOW, "--bufferDirectory=/tmp/buffer",
        "--sourceShardsFilePath=shards.json", "--writerTemplate=/tmp/w.json"));

    assertRefused(run, "--bufferDirectory /tmp/buffer: Dataflow jobs read their files from Cloud"
        + " Storage; give a gs:// path", "--sourceShardsFilePath shards.json", "--writerTemplate /tmp/w.json",
        "3 problems");
  }

  @Test
  void shouldRefuseParametersTheLauncherManagesOrTheTemplateLacks() {
    RrRun run = RrRun.of(with(DATAFLOW, "--readerParameter=gcsOutputDirectory=gs://elsewhere",
        "--writerParameter=runMode=resumeAll", "--writerParameter=maxConnections=4"));

    assertRefused(run,
        "--readerParameter gcsOutputDirectory: rr launch sets gcsOutputDirectory itself (from"
            + " --bufferDirectory)",
        "--writerParameter runMode: rr launch sets runMode itself (from --writerRunMode)",
        "--writerParameter maxConnections: the writer template declares no such parameter; it takes [",
        "maxShardConnections");
  }

  @Test
  void shouldAcceptADeclaredUnmanagedParameterAndPassIt() {
    RrRun run = RrRun.of(with(DATAFLOW, "--writerParameter=maxShardConnections=4",
        "--readerParameter=rpcPriority=LOW"));

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("~rpcPriority=LOW'"), run.out());
    assertTrue(run.out().contains(",maxShardConnections=4"), run.out());
  }

  @Test
  void shouldRefuseAMissingShardsFileWithoutPrintingAPlan() throws Exception {
    RrRun run = RrRun.of(direct(null));

    assertRefused(run, "shards.json", "cannot be read");
  }

  @Test
  void shouldRefuseABrokenShardsFile() throws Exception {
    RrRun run = RrRun.of(direct("[{\"logicalShardId\": \"s1\"}"));

    assertRefused(run, "shards.json");
  }

  @Test
  void shouldRefuseAShardIdThatIsAReservedBufferDirectory() throws Exception {
    RrRun run = RrRun.of(direct("[" + shard("skip") + "]"));

    assertRefused(run, "logical shard id 'skip' is also a directory the reader uses");
  }

  @Test
  void shouldRefuseSeveralShardsWithNoWayToRouteRecords() throws Exception {
    RrRun run = RrRun.of(direct("[" + shard("s1") + "," + shard("s2") + "]"));

    assertRefused(run, "lists 2 shards but no table has a ShardIdColumn");
  }

  @Test
  void shouldRefuseAnOptionTheReaderWouldRefuse() throws Exception {
    RrRun run = RrRun.of(direct("[" + shard("s1") + "]", "--spannerHost=https://spanner.example"));

    assertRefused(run, "spannerHost", "spannerEmulatorHost");
  }

  @Test
  void shouldRefuseAPostgresShardsFileReadAsMySql() throws Exception {
    RrRun run = RrRun.of(direct("[" + postgresShard("s1") + "]"));

    assertRefused(run, "port: is required", "schemaName: is only for sourceType postgresql");
  }

  @Test
  void shouldReadAPostgresShardsFileAndPassTheSourceTypeToBothTemplates() throws Exception {
    RrRun run = RrRun.of(with(DATAFLOW, "--sourceType=postgresql"));

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("~sourceShardsFilePath=gs://bkt/shards.json~sourceType=postgresql~"),
        run.out());
    assertTrue(run.out().contains(",sourceType=postgresql,"), run.out());
    RrRun local = RrRun.of(direct("[" + postgresShard("s1") + "]", "--sourceType=postgresql",
        "--sessionFilePath=" + Files.writeString(dir.resolve("session.json"),
            dev.rr.launcher.workload.SampleSchema.sessionJson())));
    assertEquals(ExitCode.OK, local.exitCode(), local.err());
  }

  @Test
  void shouldRefuseAnInitialSnapshotOnDataflowNamingTheResyncWay() {
    List<String> args = new ArrayList<>(Arrays.asList(DATAFLOW));
    args.add("--initialSnapshot");

    RrRun run = RrRun.of(args.toArray(String[]::new));

    assertRefused(run, "--initialSnapshot runs with --runner direct only",
        "launch it without --initialSnapshot, then bring each shard to Spanner's rows with rr"
            + " resync --shard S");
  }

  /** A PostgreSQL entry: no port (5432), a schema. */
  static String postgresShard(String id) {
    return "{\"logicalShardId\":\"" + id + "\",\"host\":\"127.0.0.1\",\"schemaName\":\"app\","
        + "\"user\":\"u\",\"password\":\"p\",\"dbName\":\"d\"}";
  }

  @Test
  void shouldPrintThePlanForValidLocalInputs() throws Exception {
    RrRun run = RrRun.of(direct("[" + shard("s1") + "]"));

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("Pipelines in this process (DirectRunner)"), run.out());
  }
}
