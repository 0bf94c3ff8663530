package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.input.Shard;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LaunchChecksIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  @Test
  void shouldCreateMissingChangeStreamThenAcceptIt() throws Exception {
    SpannerTestDatabase db = SPANNER.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)");

    String first = ChangeStreamCheck.ensure(db.client(), db.adminClient(), db.instanceId(), db.databaseId(), "rrstream");
    String second = ChangeStreamCheck.ensure(db.client(), db.adminClient(), db.instanceId(), db.databaseId(), "rrstream");

    assertTrue(first.startsWith("created change stream rrstream"), first);
    assertEquals("change stream rrstream exists (value_capture_type NEW_ROW)", second);
  }

  @Test
  void shouldRefuseExistingStreamWithoutWholeRows() {
    SpannerTestDatabase db = SPANNER.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)",
        "CREATE CHANGE STREAM partial FOR ALL OPTIONS (value_capture_type = 'NEW_VALUES')");

    IllegalStateException failure = assertThrows(IllegalStateException.class, () ->
        ChangeStreamCheck.ensure(db.client(), db.adminClient(), db.instanceId(), db.databaseId(), "partial"));

    assertTrue(failure.getMessage().contains("value_capture_type NEW_VALUES"), failure.getMessage());
    assertTrue(failure.getMessage().contains("ALTER CHANGE STREAM partial"), failure.getMessage());
  }

  @Test
  void shouldAcceptStreamWithDefaultCaptureType() throws Exception {
    SpannerTestDatabase db = SPANNER.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)",
        "CREATE CHANGE STREAM plain FOR ALL");

    String result = ChangeStreamCheck.ensure(db.client(), db.adminClient(), db.instanceId(), db.databaseId(), "plain");

    assertTrue(result.startsWith("change stream plain exists"), result);
  }

  @Test
  void shouldCreateMissingChangeStreamInAPostgresDialectDatabaseThenAcceptIt() throws Exception {
    SpannerTestDatabase db = SPANNER.newPostgresDatabase(
        "CREATE TABLE t (k bigint NOT NULL PRIMARY KEY)");

    String first = ChangeStreamCheck.ensure(db.client(), db.adminClient(), db.instanceId(), db.databaseId(), "rrstream");
    String second = ChangeStreamCheck.ensure(db.client(), db.adminClient(), db.instanceId(), db.databaseId(), "rrstream");

    assertTrue(first.startsWith("created change stream rrstream"), first);
    assertEquals("change stream rrstream exists (value_capture_type NEW_ROW)", second);
  }

  @Test
  void shouldRefuseExistingPostgresDialectStreamWithoutWholeRowsWithPostgresAlterStatement() {
    SpannerTestDatabase db = SPANNER.newPostgresDatabase(
        "CREATE TABLE t (k bigint NOT NULL PRIMARY KEY)",
        "CREATE CHANGE STREAM partial FOR ALL WITH (value_capture_type = 'NEW_VALUES')");

    IllegalStateException failure = assertThrows(IllegalStateException.class, () ->
        ChangeStreamCheck.ensure(db.client(), db.adminClient(), db.instanceId(), db.databaseId(), "partial"));

    assertTrue(failure.getMessage().contains("value_capture_type NEW_VALUES"), failure.getMessage());
    assertTrue(failure.getMessage().contains(
        "ALTER CHANGE STREAM partial SET (value_capture_type = 'NEW_ROW')"), failure.getMessage());
  }

  @Test
  void shouldPassShardWithTablesAndCreateCheckpointTable() throws Exception {
    MySqlTestDatabase db = MYSQL.newDatabase();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE parent1 (id INT PRIMARY KEY)");
    }

    ShardCheck.Findings found = ShardCheck.check(shard(db, db.user(), db.password()),
        mapping("parent1"), Set.of(), true);

    assertEquals(new ShardCheck.Findings(List.of(), List.of()), found);
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1 FROM rr_replication_checkpoint LIMIT 0").close();
    }
  }

  @Test
  void shouldNameMissingTableAndPrivilegesWithTheGrantToRun() throws Exception {
    MySqlTestDatabase db = MYSQL.newDatabase();
    String user = "ro_" + db.name();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE parent1 (id INT PRIMARY KEY)");
      statement.execute("CREATE TABLE rr_replication_checkpoint (x INT)");
      statement.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
      statement.execute("GRANT SELECT ON `" + db.name() + "`.* TO '" + user + "'@'%'");
    }

    ShardCheck.Findings found = ShardCheck.check(shard(db, user, "pw"),
        mapping("parent1", "nosuch"), Set.of(), true);

    assertEquals(List.of("shard s1: table nosuch: does not exist in the shard database (Spanner"
        + " table nosuch maps to it)"), found.mismatches());
    List<String> problems = found.problems();
    assertTrue(problems.stream().anyMatch(p -> p.contains("lacks INSERT, UPDATE, DELETE on parent1")
        && p.contains("run: GRANT INSERT, UPDATE, DELETE ON `" + db.name() + "`.`parent1` TO '" + user + "'@'%';")),
        problems.toString());
  }

  @Test
  void shouldReportUnreachableShard() {
    Shard nowhere = new Shard("s9", "127.0.0.1", 1, "u", "p", "db", Map.of("connectTimeout", "2000"));

    List<String> problems = ShardCheck.check(nowhere, mapping(), Set.of(), true).problems();

    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("shard s9 (127.0.0.1:1/db): cannot connect as u"), problems.get(0));
  }

  @Test
  void shouldSayWhichCredentialsToCheckWhenLoginIsRefused() {
    MySqlTestDatabase db = MYSQL.newDatabase();
    Shard wrongPassword = new Shard("s8", db.host(), db.port(), "nosuchuser", "nope", db.name(), Map.of());

    List<String> problems = ShardCheck.check(wrongPassword, mapping(), Set.of(), true).problems();

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("cannot connect as nosuchuser: access denied for user"
        + " nosuchuser"), problems.get(0));
    assertTrue(problems.get(0).endsWith("check user and password in the shards file, or its secret"),
        problems.get(0));
  }

  /** Tables of one INT64 key column {@code id} each, the same names on both sides. */
  static SchemaMapping mapping(String... tables) {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder();
    for (String table : tables) {
      builder.spannerColumn(table, "id", SpannerType.of("INT64"))
          .sourceColumn(table, "id", SourceType.of("int"))
          .sourcePrimaryKey(table, List.of("id"));
    }
    return builder.build();
  }

  static Shard shard(MySqlTestDatabase db, String user, String password) {
    return new Shard("s1", db.host(), db.port(), user, password, db.name(), Map.of());
  }
}
