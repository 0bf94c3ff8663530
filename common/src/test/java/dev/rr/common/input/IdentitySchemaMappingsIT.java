package dev.rr.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Dialect;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Identity mapping read from a real Spanner emulator database and a real MySQL database. */
class IdentitySchemaMappingsIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Test
  void shouldMapSameNamedTablesWithTypesAndSourcePrimaryKey() throws SQLException {
    SpannerTestDatabase spannerDb = spanner.newDatabase(
        "CREATE TABLE Users (id INT64 NOT NULL, name STRING(25), tags ARRAY<STRING(MAX)>,"
            + " balance NUMERIC, shard_id STRING(20)) PRIMARY KEY (id)",
        "CREATE TABLE Orders (a INT64 NOT NULL, b STRING(MAX) NOT NULL, kind STRING(MAX),"
            + " payload BYTES(MAX), placed_at TIMESTAMP) PRIMARY KEY (a, b)",
        "CREATE TABLE SpannerOnly (id INT64 NOT NULL) PRIMARY KEY (id)");
    MySqlTestDatabase mysqlDb = mysql.newDatabase();
    try (Connection connection = mysqlDb.connect()) {
      execute(connection,
          "CREATE TABLE users (id BIGINT(20) UNSIGNED NOT NULL, name VARCHAR(25),"
              + " tags JSON, balance DECIMAL(10,2), legacy INT, PRIMARY KEY (id))",
          "CREATE TABLE Orders (a INT NOT NULL, b VARCHAR(40) NOT NULL,"
              + " kind ENUM('x','y,z') , payload BLOB, placed_at DATETIME(6), PRIMARY KEY (b, a))",
          "CREATE TABLE mysql_only (id INT PRIMARY KEY)",
          "CREATE VIEW SpannerOnly AS SELECT id FROM mysql_only");

      IdentitySchemaMapping mapping =
          IdentitySchemaMappings.fromDatabases(spannerDb.client(), connection);

      assertEquals(Set.of("Users", "Orders"), mapping.spannerTables());
      assertEquals(List.of("SpannerOnly"), mapping.spannerOnlyTables());
      TableMapping users = mapping.forSpannerTable("Users").orElseThrow();
      assertEquals("users", users.sourceName());
      assertEquals(List.of("id"), users.sourcePrimaryKey());
      assertEquals(List.of(
          new ColumnMapping("id", SpannerType.of("INT64"), "id",
              new SourceType("bigint", List.of(20L), true)),
          new ColumnMapping("name", SpannerType.of("STRING"), "name",
              SourceType.of("varchar", 25L)),
          new ColumnMapping("tags", SpannerType.arrayOf("STRING"), "tags",
              users.bySpannerColumn("tags").orElseThrow().sourceType()),
          new ColumnMapping("balance", SpannerType.of("NUMERIC"), "balance",
              SourceType.of("decimal", 10L, 2L)),
          new ColumnMapping("shard_id", SpannerType.of("STRING"), null, null)),
          users.columns());
      assertTrue(users.bySourceColumn("legacy").isEmpty());
      TableMapping orders = mapping.forSpannerTable("Orders").orElseThrow();
      assertEquals(List.of("b", "a"), orders.sourcePrimaryKey());
      assertEquals(SourceType.of("enum"), orders.bySpannerColumn("kind").orElseThrow()
          .sourceType());
      assertEquals(SourceType.of("datetime", 6L), orders.bySpannerColumn("placed_at").orElseThrow()
          .sourceType());
      assertFalse(orders.bySpannerColumn("payload").orElseThrow().sourceType().unsigned());
    }
  }

  @Test
  void shouldReadPostgreSqlDialectSpannerSchema() throws Exception {
    String databaseId = "pg_identity_" + Long.toHexString(System.nanoTime());
    DatabaseAdminClient admin = spanner.spanner().getDatabaseAdminClient();
    DatabaseId id = DatabaseId.of(spanner.projectId(), spanner.instanceId(), databaseId);
    admin.createDatabase(admin.newDatabaseBuilder(id).setDialect(Dialect.POSTGRESQL).build(),
        List.of()).get(1, TimeUnit.MINUTES);
    admin.updateDatabaseDdl(spanner.instanceId(), databaseId, List.of(
        "CREATE TABLE users (id bigint NOT NULL PRIMARY KEY, name character varying(25),"
            + " tags bigint[], seen timestamptz, price numeric, doc jsonb)"), null)
        .get(1, TimeUnit.MINUTES);
    MySqlTestDatabase mysqlDb = mysql.newDatabase();
    try (Connection connection = mysqlDb.connect()) {
      execute(connection, "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(25),"
          + " tags JSON, seen TIMESTAMP(6) NULL, price DECIMAL(20,5), doc JSON)");

      TableMapping users = IdentitySchemaMappings.fromDatabases(
          spanner.spanner().getDatabaseClient(id), connection)
          .forSpannerTable("users").orElseThrow();

      assertEquals(List.of(SpannerType.of("INT64"), SpannerType.of("STRING"),
              SpannerType.arrayOf("INT64"), SpannerType.of("TIMESTAMP"),
              SpannerType.of("NUMERIC"), SpannerType.of("JSON")),
          users.columns().stream().map(ColumnMapping::spannerType).toList());
      assertEquals(List.of("id"), users.sourcePrimaryKey());
    }
  }

  @Test
  void shouldRequireCurrentMySqlDatabase() throws SQLException {
    SpannerTestDatabase spannerDb = spanner.newDatabase(
        "CREATE TABLE T (id INT64 NOT NULL) PRIMARY KEY (id)");
    MySqlTestDatabase mysqlDb = mysql.newDatabase();
    String serverUrl = "jdbc:mysql://" + mysqlDb.host() + ":" + mysqlDb.port() + "/";
    try (Connection connection =
        DriverManager.getConnection(serverUrl, mysqlDb.user(), mysqlDb.password())) {
      SQLException e = assertThrows(SQLException.class,
          () -> IdentitySchemaMappings.fromDatabases(spannerDb.client(), connection));

      assertTrue(e.getMessage().contains("no current database"), e.getMessage());
    }
  }
}
