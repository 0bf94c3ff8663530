package dev.rr.launcher.launch;

import static dev.rr.launcher.launch.PostgresShardsFixture.accounts;
import static dev.rr.launcher.launch.PostgresShardsFixture.entry;
import static dev.rr.launcher.launch.PostgresShardsFixture.rr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded {@code rr launch --sourceType postgresql} on the DirectRunner, from the emulator into
 * two real private PostgreSQL clusters (a shards file without ports' defaults, with a schema
 * name), then {@code rr verify --sourceType postgresql}: equal, and a planted difference found.
 */
class PostgresLaunchIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  @TempDir Path dir;

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

  private static Mutation account(long id, long balance, String note, String shard) {
    return Mutation.newInsertOrUpdateBuilder("accounts").set("account_id").to(id)
        .set("balance").to(balance).set("note").to(note)
        .set(SampleSchema.SHARD_ID_COLUMN).to(shard).build();
  }

  @Test
  void shouldLaunchIntoTwoPostgresShardsAndVerifyEqualThenFindAPlantedDifference()
      throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SampleSchema.spannerDdl());
    PostgresTestDatabase s1 = shard(0);
    PostgresTestDatabase s2 = shard(1);
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    Timestamp start = Timestamp.now();
    List<Mutation> accounts = new ArrayList<>();
    for (long id = 1; id <= 20; id++) {
      accounts.add(account(id, id * 100, "n\u00e9" + id, id % 2 == 0 ? "s2" : "s1"));
    }
    spanner.write(accounts.toArray(Mutation[]::new));
    // Whole seconds: the emulator's change stream (1.5.28) drops a TIMESTAMP's fraction;
    // PostgresDialectIT covers fractions.
    Timestamp stamp = Timestamp.parseTimestamp("2024-05-01T10:15:30Z");
    spanner.write(
        Mutation.newInsertBuilder("parent1").set("id").to(7L).set("update_ts").to(stamp)
            .set("in_ts").to(stamp).set(SampleSchema.SHARD_ID_COLUMN).to("s2").build(),
        Mutation.newInsertBuilder("child11").set("child_id").to(70L).set("parent_id").to(7L)
            .set("update_ts").to(stamp).set(SampleSchema.SHARD_ID_COLUMN).to("s2").build());
    spanner.write(account(3, 333, null, "s1"), account(4, 444, "four", "s2"));
    Timestamp end = spanner.write(Mutation.delete("accounts", Key.of(5L)),
        Mutation.delete("accounts", Key.of(6L)));
    Path session = Files.writeString(dir.resolve("session.json"), SampleSchema.sessionJson());
    Path shards = Files.writeString(dir.resolve("shards.json"), "["
        + entry("s1", s1) + ",\"schemaName\":\"public\"}," + entry("s2", s2) + "}]");
    List<String> target = List.of("--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--sessionFilePath=" + session,
        "--sourceShardsFilePath=" + shards, "--sourceType=postgresql");

    RrRun launch = rr(target, "launch", "--runner=direct", "--runIdentifier=pg",
        "--metadataDatabase=meta" + Long.toHexString(System.nanoTime() % 0xffffffL),
        "--changeStreamName=rrstream", "--startTimestamp=" + start, "--endTimestamp=" + end,
        "--windowDuration=2s", "--bufferDirectory=" + dir.resolve("buffer"));

    assertEquals(ExitCode.OK, launch.exitCode(), launch.out() + launch.err());
    assertTrue(launch.out().contains("shard s1: ok"), launch.out());
    assertEquals("1:100:n\u00e91|3:333:null|7:700:n\u00e97|9:900:n\u00e99",
        accounts(s1, "account_id <= 9"));
    assertEquals("2:200:n\u00e92|4:444:four|8:800:n\u00e98", accounts(s2, "account_id <= 8"));
    try (Connection connection = s2.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT CAST(p.update_ts AS text), c.parent_id"
            + " FROM parent1 p JOIN child11 c ON c.parent_id = p.id")) {
      assertTrue(row.next());
      assertEquals("2024-05-01 10:15:30", row.getString(1));
      assertEquals(7, row.getInt(2));
    }

    RrRun verify = rr(target, "verify", "--readTimestamp=" + end);
    assertEquals(ExitCode.OK, verify.exitCode(), verify.out() + verify.err());

    try (Connection connection = s1.connect(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE accounts SET note = 'planted' WHERE account_id = 7");
    }
    RrRun differs = rr(target, "verify", "--readTimestamp=" + end, "--tables=accounts");
    assertEquals(ExitCode.FAILURE, differs.exitCode(), differs.out() + differs.err());
    assertTrue(differs.out().contains("different=1 "), differs.out());
  }

  @Test
  void shouldLaunchAndVerifyWithoutASessionFileByTheIdentityMappingOfTheShard() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(
        "CREATE TABLE accounts (account_id INT64 NOT NULL, balance INT64, note STRING(MAX),"
            + " opened TIMESTAMP) PRIMARY KEY (account_id)",
        "CREATE TABLE orders (a INT64 NOT NULL, b STRING(MAX) NOT NULL, amount NUMERIC)"
            + " PRIMARY KEY (a, b)");
    PostgresTestDatabase shard = POSTGRES.newDatabase(0);
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE accounts (account_id bigint PRIMARY KEY, balance bigint,"
          + " note varchar(64), opened timestamp with time zone)");
      // The key in another order than Spanner's, as the shard declares it.
      statement.execute("CREATE TABLE orders (b text NOT NULL, a integer NOT NULL,"
          + " amount numeric(12,2), PRIMARY KEY (b, a))");
    }
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    Timestamp start = Timestamp.now();
    Timestamp opened = Timestamp.parseTimestamp("2024-05-01T10:15:30Z");
    List<Mutation> rows = new ArrayList<>();
    for (long id = 1; id <= 6; id++) {
      rows.add(Mutation.newInsertBuilder("accounts").set("account_id").to(id).set("balance")
          .to(id * 10).set("note").to("n" + id).set("opened").to(opened).build());
      rows.add(Mutation.newInsertBuilder("orders").set("a").to(id).set("b").to("k" + id)
          .set("amount").to(new java.math.BigDecimal(id + ".25")).build());
    }
    spanner.write(rows.toArray(Mutation[]::new));
    spanner.write(Mutation.newUpdateBuilder("accounts").set("account_id").to(2L)
        .set("balance").to(222L).build(), Mutation.delete("orders", Key.of(3L, "k3")));
    Timestamp end = spanner.write(Mutation.delete("accounts", Key.of(4L)));
    Path shards = Files.writeString(dir.resolve("shards.json"), "[" + entry("s1", shard) + "}]");
    List<String> target = List.of("--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--sourceShardsFilePath=" + shards,
        "--sourceType=postgresql");

    RrRun launch = rr(target, "launch", "--runner=direct", "--runIdentifier=pgid",
        "--metadataDatabase=meta" + Long.toHexString(System.nanoTime() % 0xffffffL),
        "--changeStreamName=rrstream", "--startTimestamp=" + start, "--endTimestamp=" + end,
        "--windowDuration=2s", "--bufferDirectory=" + dir.resolve("buffer"));

    assertEquals(ExitCode.OK, launch.exitCode(), launch.out() + launch.err());
    assertTrue(launch.out().contains("session file: none (identity mapping)"), launch.out());
    assertTrue(launch.out().contains("shard s1: ok"), launch.out());
    assertEquals("1:10:n1|2:222:n2|3:30:n3|5:50:n5|6:60:n6", accounts(shard, "account_id <= 6"));
    List<String> orders = new ArrayList<>();
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT a, b, amount FROM orders ORDER BY a")) {
      while (row.next()) {
        orders.add(row.getInt(1) + ":" + row.getString(2) + ":" + row.getBigDecimal(3));
      }
    }
    assertEquals(List.of("1:k1:1.25", "2:k2:2.25", "4:k4:4.25", "5:k5:5.25", "6:k6:6.25"), orders);

    RrRun verify = rr(target, "verify", "--readTimestamp=" + end);
    assertEquals(ExitCode.OK, verify.exitCode(), verify.out() + verify.err());
    assertTrue(verify.out().contains("accounts"), verify.out());
  }
}
