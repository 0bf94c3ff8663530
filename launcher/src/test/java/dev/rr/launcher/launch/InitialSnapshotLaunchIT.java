package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.input.SessionFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.spanner.SpannerTime;
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

/** {@code rr launch --initialSnapshot}: empty shards loaded at T, then the changes after T. */
class InitialSnapshotLaunchIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  @TempDir Path dir;

  @Test
  void shouldLoadEmptyShardsAtTThenApplyTheChangesAfterT() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    Workload workload = new Workload(spanner.client(),
        WorkloadConfig.ofTransactions(5, List.of("s1", "s2"), 60));
    workload.createAccounts();
    workload.run();
    Timestamp at = SpannerTime.now(spanner.client());
    workload.run();
    Thread.sleep(2);
    Timestamp end = SpannerTime.now(spanner.client());
    Map<String, MySqlTestDatabase> shards = shards();

    RrRun run = launch(spanner, shards, at, end, "--initialSnapshot");

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("snapshot at " + at), run.out());
    assertTrue(run.out().contains("of version_retention_period 1h"), run.out());
    assertTrue(run.out().contains("every shard's checkpoint is at T"), run.out());
    assertTrue(run.out().contains("run snap-launch ended: 2 shard(s), none in ERROR"), run.out());
    VerifyReport atEnd = verify(spanner, shards, end);
    assertTrue(atEnd.equal(), "shards equal Spanner at the end: " + atEnd);
    assertTrue(atEnd.spannerRows() > 40, "rows: " + atEnd.spannerRows());
  }

  @Test
  void shouldRefuseASnapshotThatOutlastsTheVersionRetentionNamingBoth() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    Timestamp at = SpannerTime.now(spanner.client());
    Map<String, MySqlTestDatabase> shards = shards();

    RrRun run = launch(spanner, shards, at, null, "--initialSnapshot", "--snapshotMaxDuration=2h");

    assertEquals(ExitCode.USAGE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("the snapshot needs about 2h"), run.err());
    assertTrue(run.err().contains("(--snapshotMaxDuration 2h, T is "), run.err());
    assertTrue(run.err().contains("version_retention_period = 1h"), run.err());
    assertFalse(Files.exists(dir.resolve("buffer").resolve("s1")), "no reader started");
  }

  private static VerifyReport verify(SpannerTestDatabase spanner,
      Map<String, MySqlTestDatabase> shards, Timestamp at) throws Exception {
    SchemaMapping mapping = SessionFile.parse("session.json", SampleSchema.sessionJson());
    List<ShardDatabase> databases = new ArrayList<>();
    shards.forEach((id, db) -> databases.add(new ShardDatabase(id, db::connect)));
    return new Verifier(spanner.client(), mapping, RowRouter.byShardIdColumn(), databases,
        VerifyConfig.at(at)).verify(line -> { });
  }

  private static Map<String, MySqlTestDatabase> shards() throws Exception {
    Map<String, MySqlTestDatabase> shards = new LinkedHashMap<>();
    for (String shard : List.of("s1", "s2")) {
      MySqlTestDatabase db = MYSQL.newDatabase();
      try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
        for (String ddl : SampleSchema.mysqlDdl()) {
          statement.execute(ddl);
        }
      }
      shards.put(shard, db);
    }
    return shards;
  }

  private RrRun launch(SpannerTestDatabase spanner, Map<String, MySqlTestDatabase> shards,
      Timestamp start, Timestamp end, String... more) throws Exception {
    Path session = Files.writeString(dir.resolve("session.json"), SampleSchema.sessionJson());
    Path shardsFile = Files.writeString(dir.resolve("shards.json"), LaunchIT.shardsJson(shards));
    String metadataDb = "meta" + Long.toHexString(System.nanoTime() % 0xffffffL);
    List<String> args = new ArrayList<>(List.of("launch", "--runner=direct",
        "--runIdentifier=snap-launch", "--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--metadataDatabase=" + metadataDb,
        "--changeStreamName=rrstream", "--startTimestamp=" + start, "--windowDuration=2s",
        "--bufferDirectory=" + dir.resolve("buffer"), "--sessionFilePath=" + session,
        "--sourceShardsFilePath=" + shardsFile));
    if (end != null) {
      args.add("--endTimestamp=" + end);
    }
    args.addAll(List.of(more));
    return RrRun.of(args.toArray(String[]::new));
  }
}
