package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.io.IOException;
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

/**
 * rr launch cross-checks the mapping against every shard's real tables and columns and refuses
 * (exit 2) with one list naming shard, table, column, session type and real type; rr launch
 * --dry-run does the same on the shards it can reach. A Spanner generated column (absent from
 * change streams) mapped to a plain MySQL column is refused too.
 */
class SchemaCrossCheckLaunchIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  /** The session-variants fixture's Spanner schema (name-keyed.json maps it). */
  private static final List<String> SPANNER_DDL = SessionVariantsLaunchIT.SPANNER_DDL;
  private static final List<String> GOOD_SHARD = List.of(
      "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(50), balance DECIMAL(10,2),"
          + " created DATETIME)",
      "CREATE TABLE orders (user_id BIGINT NOT NULL, order_id INT NOT NULL, amount INT UNSIGNED,"
          + " PRIMARY KEY (user_id, order_id))",
      "CREATE TABLE audit (note TEXT)");
  /** Planted: no balance column, created is an INT, no orders table. */
  private static final List<String> BAD_SHARD = List.of(
      "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(50), created INT)",
      "CREATE TABLE audit (note TEXT)");

  @TempDir Path dir;

  @Test
  void shouldRefuseTheLaunchListingEveryMismatchOfEveryShard() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SPANNER_DDL);
    Map<String, MySqlTestDatabase> shards = shards(Map.of("s1", GOOD_SHARD, "s2", BAD_SHARD));

    RrRun launch = launch(spanner, shards, sessionFile(), null, null);

    assertEquals(ExitCode.USAGE, launch.exitCode(), launch.out() + launch.err());
    String out = launch.out();
    assertTrue(out.contains("shard s1: ok"), out);
    assertTrue(out.contains("schema mismatches between the session file and the shards (3):"),
        out);
    assertTrue(out.contains("shard s2: table users, column balance, session type decimal(10,2):"
        + " does not exist in the shard database"), out);
    assertTrue(out.contains("shard s2: table users, column created, session type datetime,"
        + " real type int(11): incompatible types"), out);
    assertTrue(out.contains("shard s2: table orders: does not exist in the shard database"), out);
    assertFalse(out.contains("pipelines running"), out);
  }

  @Test
  void shouldListTheSameMismatchesInADryRunWithoutCreatingAnything() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SPANNER_DDL);
    Map<String, MySqlTestDatabase> shards = shards(Map.of("s1", GOOD_SHARD, "s2", BAD_SHARD));

    RrRun dryRun = launch(spanner, shards, sessionFile(), null, null, "--dry-run");

    assertEquals(ExitCode.USAGE, dryRun.exitCode(), dryRun.out() + dryRun.err());
    assertTrue(dryRun.out().contains("shard s2: table users, column created, session type"
        + " datetime, real type int(11): incompatible types"), dryRun.out());
    assertEquals(List.of("audit", "users"), tables(shards.get("s2")), "a dry run creates nothing");
  }

  @Test
  void shouldRefuseAnIdentityLaunchAgainstShardsWithoutTheTables() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SPANNER_DDL);
    Map<String, MySqlTestDatabase> shards = shards(Map.of("s1", List.of()));

    RrRun launch = launch(spanner, shards, null, null, null);

    assertEquals(ExitCode.USAGE, launch.exitCode(), launch.out() + launch.err());
    assertTrue(launch.out().contains("shard s1: no Spanner table has a table of the same name"),
        launch.out());
  }

  @Test
  void shouldRefuseASpannerGeneratedColumnMappedToAPlainMySqlColumn() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase("CREATE TABLE t (id INT64 NOT NULL,"
        + " a INT64, doubled INT64 AS (a * 2) STORED) PRIMARY KEY (id)");
    Map<String, MySqlTestDatabase> shards = shards(Map.of("s1", List.of(
        "CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT, doubled BIGINT NOT NULL)")));

    RrRun launch = launch(spanner, shards, null, null, null);

    assertEquals(ExitCode.USAGE, launch.exitCode(), launch.out() + launch.err());
    assertTrue(launch.out().contains("shard s1: table t, column doubled, session type bigint(20),"
        + " real type bigint(20): Spanner column t.doubled is generated"), launch.out());
  }

  @Test
  void shouldReplicateATableWhoseGeneratedColumnIsGeneratedInMySqlToo() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase("CREATE TABLE t (id INT64 NOT NULL,"
        + " a INT64, doubled INT64 AS (a * 2) STORED) PRIMARY KEY (id)");
    MySqlTestDatabase shard = shards(Map.of("s1", List.of("CREATE TABLE t (id BIGINT PRIMARY KEY,"
        + " a BIGINT, doubled BIGINT AS (a * 2) STORED)"))).get("s1");
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    Timestamp start = Timestamp.now();
    Timestamp end = spanner.write(
        Mutation.newInsertBuilder("t").set("id").to(1L).set("a").to(21L).build());

    RrRun launch = launch(spanner, Map.of("s1", shard), null, start, end);

    assertEquals(ExitCode.OK, launch.exitCode(), launch.out() + launch.err());
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement();
        java.sql.ResultSet row = statement.executeQuery("SELECT a, doubled FROM t WHERE id = 1")) {
      assertTrue(row.next(), launch.out());
      assertEquals(21L, row.getLong(1));
      assertEquals(42L, row.getLong(2));
    }
  }

  /**
   * rr launch, bounded: from {@code start} (default now) to {@code end} (default two seconds
   * later), so that a launch the checks let through ends by itself.
   */
  private RrRun launch(SpannerTestDatabase spanner, Map<String, MySqlTestDatabase> shards,
      String session, Timestamp start, Timestamp end, String... more) throws IOException {
    Timestamp from = start != null ? start : Timestamp.now();
    Timestamp to = end != null ? end
        : Timestamp.ofTimeSecondsAndNanos(from.getSeconds() + 2, from.getNanos());
    Path shardsFile = Files.writeString(dir.resolve("shards.json"), LaunchIT.shardsJson(shards));
    List<String> args = new ArrayList<>(List.of("launch", "--runner=direct",
        "--emulatorHost=" + spanner.emulatorHost(), "--spannerProjectId=" + spanner.projectId(),
        "--instanceId=" + spanner.instanceId(), "--databaseId=" + spanner.databaseId(),
        "--sourceShardsFilePath=" + shardsFile, "--runIdentifier=crosscheck",
        "--metadataDatabase=meta" + Long.toHexString(System.nanoTime() % 0xffffffL),
        "--changeStreamName=rrstream", "--windowDuration=2s",
        "--bufferDirectory=" + dir.resolve("buffer"), "--startTimestamp=" + from,
        "--endTimestamp=" + to));
    if (session != null) {
      args.add("--sessionFilePath=" + session);
    }
    args.addAll(List.of(more));
    return RrRun.of(args.toArray(String[]::new));
  }

  private static Map<String, MySqlTestDatabase> shards(Map<String, List<String>> ddl)
      throws Exception {
    Map<String, MySqlTestDatabase> shards = new LinkedHashMap<>();
    for (String id : ddl.keySet().stream().sorted().toList()) {
      MySqlTestDatabase shard = MYSQL.newDatabase();
      try (Connection connection = shard.connect();
          Statement statement = connection.createStatement()) {
        for (String statementText : ddl.get(id)) {
          statement.execute(statementText);
        }
      }
      shards.put(id, shard);
    }
    return shards;
  }

  private static List<String> tables(MySqlTestDatabase shard) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = shard.connect();
        Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery("SHOW TABLES")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names.stream().sorted().toList();
  }

  /** The fixture, with a shard id column per table: two shards need one to route records. */
  private String sessionFile() throws IOException {
    com.google.gson.JsonObject session = com.google.gson.JsonParser.parseString(
        SessionVariantsLaunchIT.fixture("name-keyed.json")).getAsJsonObject();
    com.google.gson.JsonObject tables = session.getAsJsonObject("SpSchema");
    for (String table : tables.keySet()) {
      com.google.gson.JsonObject spTable = tables.getAsJsonObject(table);
      spTable.addProperty("ShardIdColumn",
          spTable.getAsJsonObject("ColDefs").keySet().iterator().next());
    }
    return Files.writeString(dir.resolve("session.json"), session.toString()).toString();
  }
}
