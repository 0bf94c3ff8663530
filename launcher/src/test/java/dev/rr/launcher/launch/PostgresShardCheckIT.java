package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pre-launch shard check on a real private PostgreSQL cluster: the live schema read and
 * resolved by the PostgreSQL dialect, privileges from {@code has_table_privilege}, the checkpoint
 * table created by the dialect's DAO.
 */
class PostgresShardCheckIT {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private static final SchemaMapping MAPPING =
      SessionFile.parse("session.json", SampleSchema.sessionJson());

  private static PostgresTestDatabase sampleDatabase(String... extraDdl) throws Exception {
    PostgresTestDatabase database = POSTGRES.newDatabase();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      for (String ddl : SampleSchema.postgresDdl()) {
        statement.execute(ddl);
      }
      for (String ddl : extraDdl) {
        statement.execute(ddl);
      }
    }
    return database;
  }

  private static Shard shard(PostgresTestDatabase database, String user, String password) {
    return new Shard("pg1", database.host(), database.port(), user, password, database.name(),
        Map.of()).asPostgres("public");
  }

  @Test
  void shouldAcceptAMatchingPostgresShardAndCreateItsCheckpointTable() throws Exception {
    PostgresTestDatabase database = sampleDatabase();

    ShardCheck.Findings found = ShardCheck.check(
        shard(database, database.user(), database.password()), MAPPING, Set.of(), true);

    assertTrue(found.isEmpty(), found.toString());
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'rr_replication_checkpoint'")) {
      row.next();
      assertEquals(1, row.getInt(1));
    }
  }

  @Test
  void shouldNameTheMissingColumnAndTheTypeTheWriterCannotWrite() throws Exception {
    PostgresTestDatabase database = sampleDatabase(
        "ALTER TABLE accounts DROP COLUMN note", "ALTER TABLE parent1 ALTER COLUMN in_ts TYPE point"
            + " USING NULL");

    List<String> mismatches = ShardCheck.schemaMismatches(
        shard(database, database.user(), database.password()), MAPPING, Set.of());

    assertEquals(2, mismatches.size(), mismatches.toString());
    assertTrue(mismatches.stream().anyMatch(m -> m.startsWith("shard pg1: ")
        && m.contains("accounts") && m.contains("note") && m.contains("does not exist")),
        mismatches.toString());
    assertTrue(mismatches.stream().anyMatch(m -> m.contains("parent1") && m.contains("in_ts")
        && m.contains("point")), mismatches.toString());
  }

  @Test
  void shouldAcceptAnEnumFedByAStringAndNameEnumAndArrayColumnsFedByAnotherType() throws Exception {
    PostgresTestDatabase database = sampleDatabase(
        "CREATE TYPE note_kind AS ENUM ('a', 'b')", "CREATE TYPE level AS ENUM ('low')",
        "ALTER TABLE accounts ALTER COLUMN note TYPE note_kind USING NULL",
        "ALTER TABLE accounts ALTER COLUMN balance TYPE level USING NULL",
        "ALTER TABLE parent1 ALTER COLUMN in_ts TYPE timestamptz[] USING NULL");

    List<String> mismatches = ShardCheck.schemaMismatches(
        shard(database, database.user(), database.password()), MAPPING, Set.of());

    assertEquals(2, mismatches.size(), mismatches.toString());
    assertTrue(mismatches.stream().anyMatch(m -> m.contains("column balance")
        && m.contains("an enum column takes Spanner STRING values only")), mismatches.toString());
    assertTrue(mismatches.stream().anyMatch(m -> m.contains("column in_ts")
        && m.contains("a PostgreSQL array column takes a Spanner ARRAY column only")),
        mismatches.toString());
  }

  @Test
  void shouldNameTheMissingPrivilegesWithTheGrantToRun() throws Exception {
    // Roles belong to the cluster, shared by the tests: one per database.
    PostgresTestDatabase database = POSTGRES.newDatabase();
    String role = "reader_" + database.name().toLowerCase(java.util.Locale.ROOT);
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      for (String ddl : SampleSchema.postgresDdl()) {
        statement.execute(ddl);
      }
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw'");
      statement.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
      statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
      statement.execute("GRANT INSERT, UPDATE, DELETE ON accounts, parent1, parent2, child11 TO "
          + role);
    }

    List<String> problems =
        ShardCheck.check(shard(database, role, "pw"), MAPPING, Set.of(), true).problems();

    assertEquals(List.of("shard pg1 (" + database.host() + ":" + database.port() + "/"
        + database.name() + "): " + role + " lacks INSERT, UPDATE, DELETE on child21; run: GRANT"
        + " INSERT, UPDATE, DELETE ON \"public\".\"child21\" TO \"" + role + "\";"), problems);
  }
}
