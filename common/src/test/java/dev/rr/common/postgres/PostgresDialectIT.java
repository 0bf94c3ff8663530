package dev.rr.common.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.ConversionException;
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

  private static final String ARRAYS = "CREATE TABLE arr (id BIGINT, m mood, a2 SMALLINT[],"
      + " a4 INTEGER[], a8 BIGINT[], an NUMERIC(6,2)[], ar REAL[], ad DOUBLE PRECISION[],"
      + " ab BOOLEAN[], at TEXT[], av VARCHAR(3)[], aby BYTEA[], adt DATE[], ats TIMESTAMP(3)[],"
      + " atz TIMESTAMPTZ[], aj JSONB[], au UUID[], PRIMARY KEY (id, m))";

  /** Spanner types as either dialect's information schema names them. */
  private static final String[][] ARRAY_COLUMNS = {
      {"id", "INT64"}, {"m", "STRING(MAX)"}, {"a2", "ARRAY<INT64>"}, {"a4", "bigint[]"},
      {"a8", "ARRAY<INT64>"}, {"an", "numeric[]"}, {"ar", "ARRAY<FLOAT32>"},
      {"ad", "double precision[]"}, {"ab", "ARRAY<BOOL>"}, {"at", "character varying[]"},
      {"av", "ARRAY<STRING(3)>"}, {"aby", "bytea[]"}, {"adt", "ARRAY<DATE>"},
      {"ats", "ARRAY<TIMESTAMP>"}, {"atz", "timestamp with time zone[]"}, {"aj", "jsonb[]"},
      {"au", "ARRAY<STRING(MAX)>"}};

  private static SchemaMapping arrayMapping(String[][] columns) {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder();
    for (String[] column : columns) {
      builder.spannerColumn("arr", column[0], SpannerType.fromInformationSchema(column[1]))
          .sourceColumn("arr", column[0], SourceType.of("text"));
    }
    return builder.sourcePrimaryKey("arr", List.of("id", "m")).build();
  }

  private static final String ARRAY_ROW = "{\"a2\":[\"-32768\",null],\"a4\":[],"
      + "\"a8\":[\"9223372036854775807\"],\"an\":[\"1.5\",\"-9999.99\"],"
      + "\"ar\":[1.5,\"NaN\"],\"ad\":[\"-Infinity\",0.25],\"ab\":[true,null,false],"
      + "\"at\":[\"a \\\"q\\\" \\\\ ,{}\",\"NULL\",\"\"],\"av\":[\"abc\"],\"aby\":[\"AP8=\",null],"
      + "\"adt\":[\"2024-02-29\"],\"ats\":[\"2024-02-29T23:59:59.1239Z\"],"
      + "\"atz\":[\"2024-02-29T23:59:59.654321Z\"],\"aj\":[\"{\\\"k\\\": [1, 2.5]}\",null],"
      + "\"au\":[\"123e4567-e89b-12d3-a456-426614174000\"]}";

  private static final String ARRAY_EXPECTED = "1|happy|{-32768,NULL}|{}|{9223372036854775807}"
      + "|{1.50,-9999.99}|{1.5,NaN}|{-Infinity,0.25}|{t,NULL,f}|{\"a \\\"q\\\" \\\\ ,{}\",\"NULL\",\"\"}"
      + "|{abc}|{\"\\\\x00ff\",NULL}|{2024-02-29}|{\"2024-02-29 23:59:59.123\"}"
      + "|{\"2024-02-29 23:59:59.654321+00\"}|{\"{\\\"k\\\": [1, 2.5]}\",NULL}"
      + "|{123e4567-e89b-12d3-a456-426614174000}";

  private static ChangeRecord arrayRecord(ModType type, String keys, String values) {
    return ChangeRecord.builder().commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1, 0))
        .serverTransactionId("tx").tableName("arr").modType(type)
        .keysJson(keys).newValuesJson(values).oldValuesJson("{}").build();
  }

  @Test
  void shouldRoundTripArraysAndEnumsOfBothSpannerDialectsThroughOneMultiRowUpsertThenUpdateThenDelete()
      throws Exception {
    PostgresTestDatabase database = postgres.newDatabase();
    try (Connection connection = database.connect()) {
      execute(connection, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
      execute(connection, ARRAYS);
      PostgresDialect base = new PostgresDialect(ZoneOffset.UTC);
      ShardCatalog catalog = base.readCatalog(connection);
      PostgresDialect dialect = base.forShard(catalog);
      TableMapping table = dialect.resolve(arrayMapping(ARRAY_COLUMNS), catalog)
          .forSpannerTable("arr").orElseThrow();

      // One statement: a row of values (NULL and empty included) and a row of NULL arrays.
      MappedChange full = dialect.map(arrayRecord(ModType.INSERT, "{\"id\":\"1\",\"m\":\"happy\"}", ARRAY_ROW), table);
      StringBuilder allNull = new StringBuilder();
      for (int i = 2; i < ARRAY_COLUMNS.length; i++) {
        allNull.append(i == 2 ? "{" : ",").append('"').append(ARRAY_COLUMNS[i][0]).append("\":null");
      }
      MappedChange nulls = dialect.map(arrayRecord(ModType.INSERT, "{\"id\":\"2\",\"m\":\"sad\"}",
          allNull.append('}').toString()), table);
      execute(connection, dialect.upsertBatch(List.of(full, nulls)).prepare(connection));
      assertEquals(ARRAY_EXPECTED, arrayRow(connection, 1));
      assertEquals("2|sad" + "|NULL".repeat(15), arrayRow(connection, 2));

      MappedChange update = dialect.map(arrayRecord(ModType.UPDATE, "{\"id\":\"1\",\"m\":\"happy\"}",
          "{\"a4\":[\"7\",\"8\"],\"at\":null}"), table);
      execute(connection, dialect.upsertBatch(List.of(update)).prepare(connection));
      assertEquals(ARRAY_EXPECTED.replace("|{}|", "|{7,8}|").replaceFirst("\\|\\{\"a [^|]*\\|", "|NULL|"),
          arrayRow(connection, 1));

      MappedChange delete = dialect.map(arrayRecord(ModType.DELETE, "{\"id\":\"1\",\"m\":\"happy\"}", "{}"), table);
      execute(connection, dialect.deleteBatch(List.of(delete)).prepare(connection));
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM arr"));

      ConversionException notALabel = assertThrows(ConversionException.class, () -> dialect.map(
          arrayRecord(ModType.INSERT, "{\"id\":\"3\",\"m\":\"angry\"}", "{}"), table));
      assertTrue(notALabel.getMessage().contains("\"angry\" of Spanner type STRING to shard column arr.m"),
          notALabel.getMessage());
      ConversionException outOfRange = assertThrows(ConversionException.class, () -> dialect.map(
          arrayRecord(ModType.INSERT, "{\"id\":\"3\",\"m\":\"ok\"}", "{\"a2\":[\"1\",\"40000\"]}"), table));
      assertTrue(outOfRange.getMessage().contains("arr.a2") && outOfRange.getMessage().contains("element 2"),
          outOfRange.getMessage());
    }
  }

  @Test
  void shouldRefuseArrayAndEnumColumnsFedByTheWrongSpannerTypeNamingEach() throws Exception {
    PostgresTestDatabase database = postgres.newDatabase();
    try (Connection connection = database.connect()) {
      execute(connection, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
      execute(connection, "CREATE TABLE arr (id BIGINT, m mood, a2 DATE[], a4 BIGINT, a8 BIGINT[],"
          + " PRIMARY KEY (id, m))");
      PostgresDialect dialect = new PostgresDialect(ZoneOffset.UTC);
      SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> dialect.resolve(
          arrayMapping(new String[][] {{"id", "INT64"}, {"m", "INT64"}, {"a2", "ARRAY<BOOL>"},
              {"a4", "bigint[]"}, {"a8", "INT64"}}), dialect.readCatalog(connection)));
      for (String column : List.of("m", "a2", "a4", "a8")) {
        assertTrue(e.getMessage().contains("table arr, column " + column + ","), column + ": " + e.getMessage());
      }
      assertTrue(e.getMessage().contains("ARRAY<BOOL> elements cannot be written to date elements"),
          e.getMessage());
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

  private static String arrayRow(Connection connection, long id) throws SQLException {
    execute(connection, "SET TIME ZONE 'UTC'");
    StringBuilder columns = new StringBuilder();
    for (String[] column : ARRAY_COLUMNS) {
      columns.append(columns.length() == 0 ? "" : ", ").append("coalesce(").append(column[0])
          .append("::text, 'NULL')");
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT concat_ws('|', " + columns
            + ") FROM arr WHERE id = " + id)) {
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
