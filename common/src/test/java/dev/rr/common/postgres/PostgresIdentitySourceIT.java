package dev.rr.common.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.input.IdentitySchemaMappings;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The identity mapping (no session file) of a real private PostgreSQL shard: the tables of its
 * current schema read from {@code pg_catalog} through the PostgreSQL dialect.
 */
class PostgresIdentitySourceIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Test
  void shouldMapSameNamedTablesOfTheCurrentSchemaWithLiveTypesAndKeyOrder() throws SQLException {
    SpannerTestDatabase spanner = SPANNER.newDatabase(
        "CREATE TABLE Users (id INT64 NOT NULL, name STRING(25), balance NUMERIC,"
            + " shard_id STRING(20)) PRIMARY KEY (id)",
        "CREATE TABLE Orders (a INT64 NOT NULL, b STRING(MAX) NOT NULL, placed_at TIMESTAMP,"
            + " doc JSON) PRIMARY KEY (a, b)",
        "CREATE TABLE SpannerOnly (id INT64 NOT NULL) PRIMARY KEY (id)");
    PostgresTestDatabase shard = POSTGRES.newDatabase();
    try (Connection connection = shard.connect()) {
      execute(connection,
          "CREATE TABLE users (id bigint NOT NULL, name varchar(25), balance numeric(10,2),"
              + " legacy integer, PRIMARY KEY (id))",
          "CREATE TABLE \"Orders\" (b text NOT NULL, a integer NOT NULL,"
              + " placed_at timestamp(3) with time zone, doc jsonb, PRIMARY KEY (b, a))",
          "CREATE TABLE pg_only (id integer PRIMARY KEY)",
          "CREATE VIEW spanneronly AS SELECT id FROM pg_only",
          "CREATE SCHEMA other",
          "CREATE TABLE other.\"SpannerOnly\" (id bigint PRIMARY KEY)");

      IdentitySchemaMapping mapping = IdentitySchemaMappings.fromDatabases(spanner.client(),
          connection, new PostgresDialect(ZoneOffset.UTC));

      assertEquals(Set.of("Users", "Orders"), mapping.spannerTables());
      assertEquals(List.of("SpannerOnly"), mapping.spannerOnlyTables(),
          "a view, and a table of another schema, are not the shard's tables");
      TableMapping users = mapping.forSpannerTable("Users").orElseThrow();
      assertEquals("users", users.sourceName());
      assertEquals(List.of("id"), users.sourcePrimaryKey());
      assertEquals(List.of(
          new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("bigint")),
          new ColumnMapping("name", SpannerType.of("STRING"), "name",
              SourceType.of("character varying", 25L)),
          new ColumnMapping("balance", SpannerType.of("NUMERIC"), "balance",
              SourceType.of("numeric", 10L, 2L)),
          new ColumnMapping("shard_id", SpannerType.of("STRING"), null, null)),
          users.columns());
      assertTrue(users.bySourceColumn("legacy").isEmpty());
      TableMapping orders = mapping.forSpannerTable("Orders").orElseThrow();
      assertEquals(List.of("b", "a"), orders.sourcePrimaryKey());
      assertEquals(SourceType.of("timestamp with time zone", 3L),
          orders.bySpannerColumn("placed_at").orElseThrow().sourceType());
      assertEquals(SourceType.of("jsonb"), orders.bySpannerColumn("doc").orElseThrow().sourceType());
    }
  }

  @Test
  void shouldRefuseAConnectionWhoseSearchPathNamesNoSchema() throws SQLException {
    SpannerTestDatabase spanner = SPANNER.newDatabase(
        "CREATE TABLE T (id INT64 NOT NULL) PRIMARY KEY (id)");
    PostgresTestDatabase shard = POSTGRES.newDatabase();
    try (Connection connection = DriverManager.getConnection(
        shard.jdbcUrl() + "&currentSchema=nosuch", shard.user(), shard.password())) {
      SQLException e = assertThrows(SQLException.class, () -> IdentitySchemaMappings
          .fromDatabases(spanner.client(), connection, new PostgresDialect(ZoneOffset.UTC)));

      assertTrue(e.getMessage().contains("no current schema"), e.getMessage());
    }
  }
}
