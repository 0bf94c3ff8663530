package dev.rr.launcher.e2e;

import static dev.rr.launcher.launch.PostgresShardsFixture.accounts;
import static dev.rr.launcher.launch.PostgresShardsFixture.entry;
import static dev.rr.launcher.launch.PostgresShardsFixture.rr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.SecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.launch.ChangeStreamCheck;
import dev.rr.launcher.status.ShardLoad;
import dev.rr.launcher.status.ShardLoadSource;
import dev.rr.launcher.verify.ShardDatabases;
import dev.rr.launcher.verify.TableReport;
import dev.rr.launcher.verify.Verifier;
import dev.rr.launcher.verify.VerifyConfig;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import dev.rr.writer.snapshot.KeyStaging;
import dev.rr.writer.snapshot.ShardResync;
import dev.rr.writer.snapshot.SnapshotCheckpoint;
import dev.rr.writer.snapshot.SnapshotSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot and resync of PostgreSQL shards end to end, on the emulator and real private
 * PostgreSQL clusters, through the command line: {@code rr launch --initialSnapshot --sourceType
 * postgresql} onto empty shards, then streaming from T; and {@code rr resync --sourceType
 * postgresql} of a shard with a missing, an extra and a changed row (and an extra parent and
 * child behind a foreign key). Both end equal to Spanner ({@link Verifier}).
 */
class PostgresSnapshotIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  @TempDir Path dir;

  @Test
  void shouldLoadEmptyPostgresShardsAtTThenStreamFromTAndEndEqual() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    PostgresTestDatabase s1 = shard(0);
    PostgresTestDatabase s2 = shard(1);
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    populate(spanner, 60);
    Timestamp at = spanner.write(account(61, 6100, "last before T", "s2"));
    // After T: the stream, not the snapshot, must bring these.
    spanner.write(account(3, 333, "after T", "s1"), account(62, 6200, "new", "s2"));
    Timestamp end = spanner.write(Mutation.delete("accounts", Key.of(4L)),
        Mutation.delete("child11", Key.of(70L)));
    List<String> target = target(spanner, "[" + entry("s1", s1) + "}," + entry("s2", s2) + "}]");

    RrRun launch = rr(target, "launch", "--runner=direct", "--runIdentifier=pgsnap",
        "--metadataDatabase=meta" + Long.toHexString(System.nanoTime() % 0xffffffL),
        "--changeStreamName=rrstream", "--startTimestamp=" + at, "--endTimestamp=" + end,
        "--windowDuration=2s", "--bufferDirectory=" + dir.resolve("buffer"),
        "--initialSnapshot", "--snapshotChunkRows=7");

    assertEquals(ExitCode.OK, launch.exitCode(), launch.out() + launch.err());
    assertTrue(launch.out().contains("snapshot of run pgsnap at " + at + " done"), launch.out());
    assertFalse(launch.out().contains("progress not readable"), launch.out());
    assertEquals("3:333:after T", accounts(s1, "account_id = 3"));
    assertEquals("", accounts(s2, "account_id = 4"));
    VerifyReport report = verify(spanner, end, List.of("s1", "s2"));
    assertTrue(report.equal(), report.tables().toString());
    assertTrue(report.spannerRows() > 60, "rows compared: " + report.spannerRows());
  }

  @Test
  void shouldResyncAPostgresShardWithPlantedDifferencesToSpannerAtT() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    PostgresTestDatabase s1 = shard(0);
    PostgresTestDatabase s2 = shard(1);
    populate(spanner, 40);
    try (Connection connection = s1.connect(); Statement statement = connection.createStatement()) {
      // Changed (1), extra (999, and parent 8 with its child 80), missing (every other row).
      statement.execute("INSERT INTO accounts VALUES (1, 1, 'changed'), (999, 9, 'extra')");
      statement.execute("INSERT INTO parent1 (id) VALUES (8)");
      statement.execute("INSERT INTO child11 (child_id, parent_id) VALUES (80, 8)");
    }
    try (Connection connection = s2.connect(); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO accounts VALUES (2, 2, 'not resynced')");
    }
    List<String> target = target(spanner, "[" + entry("s1", s1) + "}," + entry("s2", s2) + "}]");
    // A resync that stopped right after fencing s1 at T: rr status reads the fence, rr resync
    // resumes it at the same T.
    Timestamp fencedAt = spanner.write(account(41, 4100, "at T", "s1"));
    try (Connection connection = s1.connect()) {
      new ShardResync(SnapshotSql.POSTGRESQL).begin(connection, "pgrs", "s1",
          SessionFile.load(dir.resolve("session.json").toString()), true, () -> fencedAt);
    }
    Map<String, ShardLoad> status = new ShardLoadSource(ShardsFile.load(
        dir.resolve("shards.json").toString(), SecretResolver.none(), SourceType.POSTGRESQL))
        .read("pgrs");

    RrRun resync = rr(target, "resync", "--runIdentifier=pgrs", "--shard=s1",
        "--snapshotChunkRows=5");

    assertEquals(Optional.of("RESYNC (fenced)"), status.get("s1").state(), status.toString());
    assertEquals(Optional.empty(), status.get("s2").state(), status.toString());
    assertEquals(ExitCode.OK, resync.exitCode(), resync.out() + resync.err());
    assertTrue(resync.out().contains("resync of shard s1 of run pgrs at " + fencedAt + " done"),
        resync.out());
    // The last progress line, read from s1's rr_snapshot_table and rr_snapshot_chunk.
    assertTrue(resync.out().contains("resync: shard s1: 21 of 21 rows (100%), "),
        resync.out());
    Timestamp at = readAt(s1, "pgrs", "s1");
    assertEquals(fencedAt, at, "the resumed resync keeps the fence's T");
    spanner.write(account(1, 111, "after T", "s1"));
    VerifyReport report = verify(spanner, at, List.of("s1"));
    // s2's rows count as unrouted: only s1 is compared.
    assertTrue(report.tables().stream().allMatch(TableReport::equal),
        report.tables() + "\n" + resync.out());
    assertEquals(21, report.spannerRows(), "s1's accounts at T: " + report.tables());
    assertEquals("", accounts(s1, "account_id = 999"));
    assertEquals("2:2:not resynced", accounts(s2, "account_id <= 4"), "s2 is not touched");
    try (Connection connection = s1.connect(); Statement statement = connection.createStatement();
        ResultSet left = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
            + " WHERE table_name LIKE '" + KeyStaging.PREFIX + "%'")) {
      left.next();
      assertEquals(0, left.getInt(1), "the staging tables are dropped");
    }
  }

  @Test
  void shouldRefuseBeforeFencingWhenTheUserMayNotSwitchForeignKeyChecksOff() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    PostgresTestDatabase s1 = shard(0);
    populate(spanner, 4);
    // An ordinary user with every privilege on the tables, but not SET session_replication_role.
    String user = "loader_" + Long.toHexString(System.nanoTime() % 0xffffffL);
    try (Connection connection = s1.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'pw'");
      statement.execute("GRANT CREATE, USAGE ON SCHEMA public TO " + user);
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "
          + user);
    }
    String entry = entry("s1", s1).replace("\"user\":\"" + s1.user() + "\"",
        "\"user\":\"" + user + "\"").replace("\"password\":\"" + s1.password() + "\"",
        "\"password\":\"pw\"");
    List<String> target = target(spanner, "[" + entry + "}]");

    RrRun refused = rr(target, "resync", "--runIdentifier=pgno", "--shard=s1");

    assertEquals(ExitCode.USAGE, refused.exitCode(), refused.out() + refused.err());
    assertTrue(refused.err().contains("GRANT SET ON PARAMETER session_replication_role TO "
        + "\"" + user + "\""), refused.err());
    assertTrue(refused.err().contains("child11=[parent1]"), refused.err());
    try (Connection connection = s1.connect()) {
      assertEquals(Optional.empty(), new CheckpointDao(CheckpointDao.Flavor.POSTGRESQL)
          .readIfPresent(connection, "pgno", "s1"), "no fence was set");
    }
  }

  /** T of the shard's resync: its restored checkpoint is {@link SnapshotCheckpoint#at} T. */
  private static Timestamp readAt(PostgresTestDatabase shard, String run, String id)
      throws Exception {
    try (Connection connection = shard.connect()) {
      Checkpoint checkpoint = new CheckpointDao(CheckpointDao.Flavor.POSTGRESQL)
          .read(connection, run, id).orElseThrow();
      Timestamp justAfter = checkpoint.commitTimestamp();
      Timestamp at = Timestamp.ofTimeSecondsAndNanos(justAfter.getSeconds(),
          justAfter.getNanos() - 1);
      assertEquals(SnapshotCheckpoint.at(run, id, at), checkpoint);
      return at;
    }
  }

  private static PostgresTestDatabase shard(int server) throws Exception {
    PostgresTestDatabase database = POSTGRES.newDatabase(server);
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      for (String ddl : SampleSchema.postgresDdl()) {
        statement.execute(ddl);
      }
    }
    return database;
  }

  /** Accounts 1..{@code count} (odd ones on s1), parent 7 and its child 70 on s2. */
  private static void populate(SpannerTestDatabase spanner, int count) {
    List<Mutation> rows = new ArrayList<>();
    for (long id = 1; id <= count; id++) {
      rows.add(account(id, id * 100, "n\u00e9" + id, id % 2 == 0 ? "s2" : "s1"));
    }
    Timestamp stamp = Timestamp.parseTimestamp("2024-05-01T10:15:30.123456Z");
    rows.add(Mutation.newInsertBuilder("parent1").set("id").to(7L).set("update_ts").to(stamp)
        .set("in_ts").to(stamp).set(SampleSchema.SHARD_ID_COLUMN).to("s2").build());
    rows.add(Mutation.newInsertBuilder("child11").set("child_id").to(70L).set("parent_id").to(7L)
        .set("update_ts").to(stamp).set(SampleSchema.SHARD_ID_COLUMN).to("s2").build());
    spanner.write(rows.toArray(Mutation[]::new));
  }

  private static Mutation account(long id, long balance, String note, String shard) {
    return Mutation.newInsertOrUpdateBuilder("accounts").set("account_id").to(id)
        .set("balance").to(balance).set("note").to(note)
        .set(SampleSchema.SHARD_ID_COLUMN).to(shard).build();
  }

  private List<String> target(SpannerTestDatabase spanner, String shardsJson) throws Exception {
    Path session = Files.writeString(dir.resolve("session.json"), SampleSchema.sessionJson());
    Path shards = Files.writeString(dir.resolve("shards.json"), shardsJson);
    return List.of("--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--sessionFilePath=" + session,
        "--sourceShardsFilePath=" + shards, "--sourceType=postgresql");
  }

  /** {@code rr verify}'s comparison at {@code at} of the shards {@code ids} (others unrouted). */
  private VerifyReport verify(SpannerTestDatabase spanner, Timestamp at, List<String> ids)
      throws Exception {
    SchemaMapping mapping = SessionFile.load(dir.resolve("session.json").toString());
    List<Shard> shards = ShardsFile.load(dir.resolve("shards.json").toString(),
        SecretResolver.none(), SourceType.POSTGRESQL);
    List<Shard> compared = shards.stream().filter(s -> ids.contains(s.logicalShardId())).toList();
    return new Verifier(spanner.client(), mapping, ShardDatabases.defaultRouter(mapping, shards),
        ShardDatabases.of(compared), VerifyConfig.at(at), SourceType.POSTGRESQL)
        .verify(line -> { });
  }
}
