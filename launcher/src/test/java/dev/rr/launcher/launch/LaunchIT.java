package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.input.SessionFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.verify.RowRouter;
import dev.rr.launcher.verify.ShardDatabase;
import dev.rr.launcher.verify.Verifier;
import dev.rr.launcher.verify.VerifyConfig;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.launcher.workload.Workload;
import dev.rr.launcher.workload.WorkloadConfig;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** rr launch --runner direct, bounded by an end timestamp, against the emulator and MariaDB. */
class LaunchIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  @TempDir Path dir;
  /** Start of the workload the run replicates (set by runWorkload). */
  private Timestamp start;

  @Test
  void shouldCheckCreateAndReplicateABoundedRunInProcess() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    Map<String, MySqlTestDatabase> shards = shards(List.of());
    Timestamp end = runWorkload(spanner);

    RrRun run = launch(spanner, shards, end, "launch-it");

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("run launch-it ended: 2 shard(s), none in ERROR"), run.out());
    assertTrue(run.out().contains("change stream rrstream exists (value_capture_type NEW_ROW)"), run.out());
    assertTrue(run.out().contains("metadata database") && run.out().contains("created"), run.out());
    assertTrue(run.out().contains("shard s2: ok"), run.out());
    assertTrue(run.out().contains("source time zone offset: +00:00 (default)"), run.out());
    assertTrue(run.out().contains("--readerRunMode=resume --writerRunMode=resumeAll"), run.out());
    SchemaMapping mapping = SessionFile.parse("session.json", SampleSchema.sessionJson());
    List<ShardDatabase> databases = new ArrayList<>();
    shards.forEach((id, db) -> databases.add(new ShardDatabase(id, db::connect)));
    VerifyReport report = new Verifier(spanner.client(), mapping, RowRouter.byShardIdColumn(), databases,
        VerifyConfig.at(end)).verify(line -> { });
    assertTrue(report.equal(), () -> {
      java.io.StringWriter text = new java.io.StringWriter();
      report.print(new java.io.PrintWriter(text));
      return text.toString();
    });
    assertTrue(report.spannerRows() > 20, "rows: " + report.spannerRows());
  }

  @Test
  void shouldEndNonZeroNamingEachShardTheWriterStoppedInError() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    // Shard s2's accounts table has a column the writer never fills and MySQL cannot default:
    // every insert into it fails permanently (strict mode), so the writer stops s2 in ERROR.
    Map<String, MySqlTestDatabase> shards =
        shards(List.of("ALTER TABLE accounts ADD COLUMN required_here INT NOT NULL"));
    Timestamp end = runWorkload(spanner);

    RrRun run = launch(spanner, shards, end, "launch-err");

    assertEquals(ExitCode.FAILURE, run.exitCode(), run.out() + run.err());
    List<String> shardLines = run.out().lines().filter(l -> l.startsWith("  shard s")).toList();
    assertTrue(run.out().contains("run launch-err ended with 1 of 2 shard(s) in ERROR"), run.out());
    assertTrue(shardLines.stream().anyMatch(l -> l.startsWith("  shard s2: ERROR: ")
        && l.contains("required_here")), run.out());
    assertTrue(shardLines.stream().noneMatch(l -> l.startsWith("  shard s1: ERROR")), run.out());
  }

  /** Shards s1 and s2 with the sample MySQL schema; {@code s2Extra} is run on s2 only. */
  private static Map<String, MySqlTestDatabase> shards(List<String> s2Extra) throws Exception {
    Map<String, MySqlTestDatabase> shards = new LinkedHashMap<>();
    for (String shard : List.of("s1", "s2")) {
      MySqlTestDatabase db = MYSQL.newDatabase();
      try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
        for (String ddl : SampleSchema.mysqlDdl()) {
          statement.execute(ddl);
        }
        for (String ddl : shard.equals("s2") ? s2Extra : List.<String>of()) {
          statement.execute(ddl);
        }
      }
      shards.put(shard, db);
    }
    return shards;
  }

  /** Creates the change stream, runs a small workload on s1 and s2, returns its end. */
  private Timestamp runWorkload(SpannerTestDatabase spanner) throws Exception {
    // The change stream must exist before the start timestamp: create it as rr launch would.
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    start = Timestamp.now();
    Workload workload = new Workload(spanner.client(), WorkloadConfig.ofTransactions(3, List.of("s1", "s2"), 40));
    workload.createAccounts();
    workload.run();
    // The clock has millisecond precision: 2 ms later it is past the last commit, not within its
    // millisecond (where it could be before it and leave it out of the run).
    Thread.sleep(2);
    return Timestamp.now();
  }

  private RrRun launch(SpannerTestDatabase spanner, Map<String, MySqlTestDatabase> shards, Timestamp end,
      String runId) throws Exception {
    Path session = Files.writeString(dir.resolve("session.json"), SampleSchema.sessionJson());
    Path shardsFile = Files.writeString(dir.resolve("shards.json"), shardsJson(shards));
    String metadataDb = "meta" + Long.toHexString(System.nanoTime() % 0xffffffL);
    return RrRun.of("launch", "--runner=direct", "--runIdentifier=" + runId,
        "--emulatorHost=" + spanner.emulatorHost(), "--spannerProjectId=" + spanner.projectId(),
        "--instanceId=" + spanner.instanceId(), "--databaseId=" + spanner.databaseId(),
        "--metadataDatabase=" + metadataDb, "--changeStreamName=rrstream",
        "--startTimestamp=" + start, "--endTimestamp=" + end, "--windowDuration=2s",
        "--bufferDirectory=" + dir.resolve("buffer"), "--sessionFilePath=" + session,
        "--sourceShardsFilePath=" + shardsFile);
  }

  static String shardsJson(Map<String, MySqlTestDatabase> shards) {
    List<String> entries = new ArrayList<>();
    shards.forEach((id, db) -> entries.add(String.format(
        "{\"logicalShardId\":\"%s\",\"host\":\"%s\",\"port\":%d,\"user\":\"%s\",\"password\":\"%s\",\"dbName\":\"%s\"}",
        id, db.host(), db.port(), db.user(), db.password(), db.name())));
    return "[" + String.join(",", entries) + "]";
  }
}
