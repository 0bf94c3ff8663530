package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.input.SessionFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VerifierIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  static final List<String> SHARDS = List.of("s1", "s2");
  final SchemaMapping mapping = SessionFile.parse("session.json", SampleSchema.sessionJson());
  final Map<String, MySqlTestDatabase> databases = new LinkedHashMap<>();
  final Map<String, Connection> connections = new LinkedHashMap<>();
  SpannerTestDatabase spanner;
  Timestamp copiedAt;

  @BeforeEach
  void createEqualReplica() throws Exception {
    spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    Workload workload = new Workload(spanner.client(), WorkloadConfig.ofTransactions(7, SHARDS, 120));
    workload.createAccounts();
    workload.run();
    for (String shard : SHARDS) {
      MySqlTestDatabase database = MYSQL.newDatabase();
      Connection connection = database.connect();
      try (Statement statement = connection.createStatement()) {
        for (String ddl : SampleSchema.mysqlDdl()) {
          statement.execute(ddl);
        }
      }
      databases.put(shard, database);
      connections.put(shard, connection);
    }
    copiedAt = Timestamp.now();
    SampleReplica.copy(spanner.client(), mapping, connections);
  }

  @AfterEach
  void close() throws Exception {
    for (Connection connection : connections.values()) {
      connection.close();
    }
  }

  Verifier verifier(Timestamp at, int chunkSize) {
    List<ShardDatabase> shards = new ArrayList<>();
    databases.forEach((id, db) -> shards.add(new ShardDatabase(id, db::connect)));
    return new Verifier(spanner.client(), mapping, RowRouter.byShardIdColumn(), shards,
        new VerifyConfig(at, List.of(), chunkSize, 10, ZoneOffset.UTC));
  }

  @Test
  void shouldFindShardsEqualToTheirSpannerRowsAcrossManyChunks() throws Exception {
    List<String> progress = new ArrayList<>();

    VerifyReport report = verifier(copiedAt, 7).verify(progress::add);

    assertTrue(report.equal(), () -> print(report));
    assertTrue(report.spannerRows() > 30, "rows compared: " + report.spannerRows());
    assertEquals(SampleSchema.TABLES.size() * SHARDS.size(), report.tables().size());
    assertTrue(progress.stream().anyMatch(p -> p.startsWith("verify parent1: 7 Spanner rows")), progress.toString());
    report.tables().forEach(t -> assertEquals(t.spannerChecksum(), t.shardChecksum(), t.toString()));
  }

  @Test
  void shouldListPlantedMissingExtraAndDifferentRows() throws Exception {
    long account = 1_000_003L;
    try (Statement s1 = connections.get("s1").createStatement();
        Statement s2 = connections.get("s2").createStatement()) {
      s1.executeUpdate("DELETE FROM accounts WHERE account_id = " + account);
      s1.executeUpdate("UPDATE accounts SET balance = balance + 1 WHERE account_id = 1000004");
      s2.executeUpdate("INSERT INTO accounts (account_id, balance, note) VALUES (42, 7, 'stray')");
    }

    VerifyReport report = verifier(Timestamp.now(), 1000).verify(line -> { });

    TableReport s1 = find(report, "accounts", "s1");
    TableReport s2 = find(report, "accounts", "s2");
    assertEquals(1, s1.missing());
    assertEquals(1, s1.different());
    assertEquals(1, s2.extra());
    assertTrue(s1.examples().contains("missing (1000003)"), s1.examples().toString());
    assertTrue(s1.examples().stream().anyMatch(e -> e.startsWith("different (1000004) balance: spanner=")),
        s1.examples().toString());
    assertTrue(s2.examples().contains("extra (42)"), s2.examples().toString());
    assertEquals(3, report.missing() + report.extra() + report.different());
  }

  @Test
  void shouldCompareTimestampsAsTheWriterConvertsThemAtTheSourceOffset() throws Exception {
    ZoneOffset offset = ZoneOffset.of("+10:00");
    Map<String, Connection> replica = new LinkedHashMap<>();
    List<ShardDatabase> shards = new ArrayList<>();
    for (String shard : SHARDS) {
      MySqlTestDatabase database = MYSQL.newDatabase();
      Connection connection = database.connect();
      connections.put(shard + "-at-offset", connection);
      try (Statement statement = connection.createStatement()) {
        for (String ddl : SampleSchema.mysqlDdl()) {
          statement.execute(ddl);
        }
      }
      replica.put(shard, connection);
      shards.add(new ShardDatabase(shard, database::connect));
    }
    SampleReplica.copy(spanner.client(), mapping, replica, offset);

    VerifyReport report = new Verifier(spanner.client(), mapping, RowRouter.byShardIdColumn(),
        shards, new VerifyConfig(copiedAt, List.of(), 1000, 10, offset)).verify(line -> { });

    assertTrue(report.equal(), () -> print(report));
    assertTrue(report.spannerRows() > 30, "rows compared: " + report.spannerRows());
  }

  @Test
  void shouldReadSpannerAtTheGivenTimestamp() throws Exception {
    spanner.write(Mutation.newInsertBuilder("accounts").set("account_id").to(7L).set("balance").to(1L)
        .set(SampleSchema.SHARD_ID_COLUMN).to("s2").build());

    assertTrue(verifier(copiedAt, 1000).verify(line -> { }).equal());
    assertEquals(1, verifier(Timestamp.now(), 1000).verify(line -> { }).missing());
  }

  @Test
  void shouldExitOneFromRrVerifyWhenAShardDiffers(@TempDir Path dir) throws Exception {
    try (Statement s2 = connections.get("s2").createStatement()) {
      s2.executeUpdate("DELETE FROM child11 ORDER BY child_id LIMIT 1");
    }
    Path session = Files.writeString(dir.resolve("session.json"), SampleSchema.sessionJson());
    Path shards = Files.writeString(dir.resolve("shards.json"), shardsJson());

    RrRun run = RrRun.of("verify", "--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--sessionFilePath=" + session,
        "--sourceShardsFilePath=" + shards, "--chunkSize=10");

    assertEquals(ExitCode.FAILURE, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("child11") && run.out().contains("missing=1"), run.out());
    assertTrue(run.out().contains("DIFFERENT: "), run.out());
  }

  String shardsJson() {
    List<String> entries = new ArrayList<>();
    databases.forEach((id, db) -> entries.add(String.format(
        "{\"logicalShardId\":\"%s\",\"host\":\"%s\",\"port\":%d,\"user\":\"%s\",\"password\":\"%s\",\"dbName\":\"%s\"}",
        id, db.host(), db.port(), db.user(), db.password(), db.name())));
    return "[" + String.join(",", entries) + "]";
  }

  static TableReport find(VerifyReport report, String table, String shard) {
    return report.tables().stream().filter(t -> t.table().equals(table) && t.shard().equals(shard))
        .findFirst().orElseThrow();
  }

  static String print(VerifyReport report) {
    java.io.StringWriter text = new java.io.StringWriter();
    report.print(new java.io.PrintWriter(text));
    return text.toString();
  }
}
