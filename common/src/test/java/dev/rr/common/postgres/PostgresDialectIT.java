package dev.rr.common.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SchemaMismatchException;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointConflictException;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL dialect's statements, catalog, checkpoint and errors on a real server. */
class PostgresDialectIT {
  @RegisterExtension static PostgresExtension postgres = new PostgresExtension();

  private static final String TABLE = "CREATE TABLE \"All Types\" (id BIGINT PRIMARY KEY,"
      + " s SMALLINT, i INTEGER, n NUMERIC(12,3), r REAL, d DOUBLE PRECISION, b BOOLEAN,"
      + " t TEXT, v VARCHAR(10), c CHAR(3), by BYTEA, dt DATE, ts TIMESTAMP(6),"
      + " tz TIMESTAMPTZ, tm TIME, j JSON, jb JSONB, u UUID,"
      + " total BIGINT GENERATED ALWAYS AS (id * 2) STORED)";

  private static final String[][] COLUMNS = {
      {"id", "INT64"}, {"s", "INT64"}, {"i", "INT64"}, {"n", "NUMERIC"}, {"r", "FLOAT64"},
      {"d", "FLOAT64"}, {"b", "BOOL"}, {"t", "STRING"}, {"v", "STRING"}, {"c", "STRING"},
      {"by", "BYTES"}, {"dt", "DATE"}, {"ts", "TIMESTAMP"}, {"tz", "TIMESTAMP"}, {"tm", "STRING"},
      {"j", "JSON"}, {"jb", "JSON"}, {"u", "STRING"}, {"total", "INT64"}};

  private static SchemaMapping mapping() {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder();
    for (String[] column : COLUMNS) {
      // The session's source types are MySQL's here: the live PostgreSQL types replace them.
      builder.spannerColumn("All Types", column[0], SpannerType.of(column[1]))
          .sourceColumn("All Types", column[0], SourceType.of("varchar"));
    }
    return builder.sourcePrimaryKey("All Types", List.of("id")).build();
  }

  private static final String ROW = "{\"s\":\"-32768\",\"i\":\"2147483647\",\"n\":\"123456789.125\","
      + "\"r\":\"NaN\",\"d\":\"-Infinity\",\"b\":true,\"t\":\"a 'quoted' text\",\"v\":\"ten chars!\","
      + "\"c\":\"abc\",\"by\":\"AP8=\",\"dt\":\"2024-02-29\",\"ts\":\"2024-02-29T23:59:59.1234567Z\","
      + "\"tz\":\"2024-02-29T23:59:59.654321Z\",\"tm\":\"12:34:56.5\",\"j\":\"{\\\"k\\\": [1, 2.5]}\","
      + "\"jb\":\"{\\\"k\\\": null}\",\"u\":\"123e4567-e89b-12d3-a456-426614174000\",\"total\":\"999\"}";

  private static final String EXPECTED = "7|-32768|2147483647|123456789.125|NaN|-Infinity|t|a 'quoted' text"
      + "|ten chars!|abc|\\x00ff|2024-02-29|2024-02-29 23:59:59.123456|2024-02-29 23:59:59.654321+00"
      + "|12:34:56.5|{\"k\": [1, 2.5]}|{\"k\": null}|123e4567-e89b-12d3-a456-426614174000|14";

  private static ChangeRecord record(ModType type, String values) {
    return ChangeRecord.builder().commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1, 0))
        .serverTransactionId("tx").tableName("All Types").modType(type)
        .keysJson("{\"id\":\"7\"}").newValuesJson(values).oldValuesJson("{}").build();
  }

  @Test
  void shouldRoundTripEveryScalarTypeThroughUpsertThenUpdateThenDelete() throws Exception {
    PostgresTestDatabase database = postgres.newDatabase();
    try (Connection connection = database.connect()) {
      execute(connection, TABLE);
      PostgresDialect base = new PostgresDialect(ZoneOffset.UTC);
      ShardCatalog catalog = base.readCatalog(connection);
      PostgresDialect dialect = base.forShard(catalog);
      TableMapping table = dialect.resolve(mapping(), catalog).forSpannerTable("All Types").orElseThrow();

      MappedChange insert = dialect.map(record(ModType.INSERT, ROW), table);
      execute(connection, dialect.upsertBatch(List.of(insert)).prepare(connection));
      assertEquals(EXPECTED, row(connection));

      MappedChange update = dialect.map(record(ModType.UPDATE, "{\"t\":\"changed\",\"r\":\"1.5\"}"), table);
      execute(connection, dialect.upsertBatch(List.of(update)).prepare(connection));
      assertEquals(EXPECTED.replace("|NaN|", "|1.5|").replace("a 'quoted' text", "changed"), row(connection));

      MappedChange delete = dialect.map(record(ModType.DELETE, "{}"), table);
      execute(connection, dialect.deleteBatch(List.of(delete)).prepare(connection));
      assertEquals(0, count(connection, "SELECT COUNT(*) FROM \"All Types\""));
    }
  }

  @Test
  void shouldNameEveryMissingTableAndColumnAndUnsupportedType() throws Exception {
    PostgresTestDatabase database = postgres.newDatabase();
    try (Connection connection = database.connect()) {
      execute(connection, "CREATE TABLE \"All Types\" (id BIGINT PRIMARY KEY, s INTERVAL)");
      PostgresDialect dialect = new PostgresDialect(ZoneOffset.UTC);
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
          () -> dialect.resolve(mapping(), dialect.readCatalog(connection)));
      assertTrue(e.getMessage().contains("interval"), e.getMessage());
      assertTrue(e.getMessage().contains("jb"), e.getMessage());
    }
  }

  @Test
  void shouldMoveTheCheckpointOnlyFromTheOneReadInTheShardSchema() throws Exception {
    PostgresTestDatabase database = postgres.newDatabase();
    CheckpointDao checkpoints = new PostgresDialect(ZoneOffset.UTC).checkpoints();
    try (Connection connection = database.connect()) {
      checkpoints.ensureTable(connection);
      checkpoints.ensureTable(connection);
      checkpoints.ensureRow(connection, "run", "s1");
      checkpoints.ensureRow(connection, "run", "s1");
      assertTrue(checkpoints.read(connection, "run", "s1").isEmpty());

      connection.setAutoCommit(false);
      Checkpoint first = new Checkpoint("run", "s1", Instant.parse("2024-01-01T00:00:00Z"),
          Instant.parse("2024-01-01T00:00:10.123456Z"), Timestamp.ofTimeSecondsAndNanos(1704067205, 123456789),
          "tx1", 5);
      checkpoints.advance(connection, checkpoints.readForUpdate(connection, "run", "s1").orElse(null), first);
      connection.commit();
      assertEquals(first, checkpoints.read(connection, "run", "s1").orElseThrow());

      Checkpoint second = new Checkpoint("run", "s1", first.windowStart(), first.windowEnd(),
          Timestamp.ofTimeSecondsAndNanos(1704067206, 0), "tx2", 9);
      assertThrows(CheckpointConflictException.class, () -> checkpoints.advance(connection, null, second));
      connection.rollback();
      assertEquals(first, checkpoints.read(connection, "run", "s1").orElseThrow());
    }
  }

  @Test
  void shouldClassifyTheServersOwnErrors() throws Exception {
    PostgresTestDatabase database = postgres.newDatabase();
    PostgresDialect dialect = new PostgresDialect(ZoneOffset.UTC);
    try (Connection connection = database.connect()) {
      execute(connection, "CREATE TABLE k (id BIGINT PRIMARY KEY, v VARCHAR(2))");
      execute(connection, "INSERT INTO k VALUES (1, 'a')");
      SQLException duplicate = assertThrows(SQLException.class,
          () -> execute(connection, "INSERT INTO k VALUES (1, 'b')"));
      assertEquals("23505", duplicate.getSQLState());
      assertEquals(ErrorClass.PERMANENT, dialect.classify(duplicate));
    }
    postgres.server(0).stop();
    SQLException down = assertThrows(SQLException.class, () -> database.connect().close());
    assertEquals(ErrorClass.TRANSIENT, dialect.classify(down), down.getSQLState());
    postgres.server(0).start();
  }

  @Test
  void shouldReadForeignKeysUniqueTablesAndWhetherEveryForeignKeyIsDeferrable() throws Exception {
    PostgresTestDatabase database = postgres.newDatabase();
    PostgresDialect dialect = new PostgresDialect(ZoneOffset.UTC);
    try (Connection connection = database.connect()) {
      execute(connection, "CREATE TABLE a (id INT PRIMARY KEY, code BYTEA UNIQUE, f REAL,"
          + " g INT GENERATED ALWAYS AS (id + 1) STORED)");
      execute(connection, "CREATE TABLE b (id INT PRIMARY KEY, a_id INT REFERENCES a (id) DEFERRABLE)");
      execute(connection, "CREATE SCHEMA other");
      execute(connection, "CREATE TABLE other.c (id INT PRIMARY KEY, a_id INT REFERENCES public.a (id))");
      ShardCatalog deferrable = dialect.readCatalog(connection);
      assertEquals(java.util.Map.of("b", java.util.Set.of("a")), deferrable.foreignKeyParents());
      assertTrue(deferrable.allForeignKeysDeferrable(), "other.c is another schema's");
      assertEquals(List.of(new ShardCatalog.StoredColumnType("id", "integer"),
          new ShardCatalog.StoredColumnType("code", "bytea"),
          new ShardCatalog.StoredColumnType("f", "real")), deferrable.uniqueTables().get("a"));

      execute(connection, "CREATE TABLE d (id INT PRIMARY KEY, b_id INT REFERENCES b (id))");
      assertEquals(false, dialect.readCatalog(connection).allForeignKeysDeferrable());
    }
  }

  private static String row(Connection connection) throws SQLException {
    execute(connection, "SET TIME ZONE 'UTC'");
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT concat_ws('|', id, s, i, n, r, d, b, t, v, c,"
            + " by, dt, ts, tz, tm, j, jb, u, total) FROM \"All Types\"")) {
      assertTrue(rows.next());
      return rows.getString(1);
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void execute(Connection connection, PreparedStatement statement) throws SQLException {
    try (statement) {
      statement.executeUpdate();
    }
  }
}
