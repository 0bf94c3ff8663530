package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.ResolvedSchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard's live schema, read once at start, is the truth for conversion; the mapping only
 * names tables and columns. A shard whose schema cannot take the mapping stops in ERROR at start,
 * naming every mismatch, and a column generated in MySQL is never written.
 */
class LiveShardSchemaIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(START, START.plusSeconds(10));
  private static final SpannerType INT64 = SpannerType.of("INT64");

  @TempDir Path bufferDirectory;

  @Test
  void shouldWriteAValueTheRealUnsignedColumnHoldsThoughTheSessionTypeIsSigned() throws Exception {
    MySqlTestDatabase database = database(
        "CREATE TABLE t (id BIGINT PRIMARY KEY, level TINYINT UNSIGNED NOT NULL)");
    SchemaMapping session = mapping("t", List.of("id", "level"),
        SourceType.of("bigint", 20L), SourceType.of("tinyint", 4L));

    WorkerHarness harness = run(database, session, insert("t", "{\"id\":\"1\"}",
        "{\"level\":\"255\"}"));

    assertEquals(ShardStatus.SUCCESS, harness.progress.row("s1").status(),
        harness.progress.row("s1").error());
    assertEquals(List.of("1|255"), SchemaFeaturesIT.rows(database, "SELECT id, level FROM t"));
  }

  @Test
  void shouldStopInErrorAtStartNamingEveryTableAndColumnTheShardLacks() throws Exception {
    MySqlTestDatabase database = database("CREATE TABLE t (id BIGINT PRIMARY KEY)");
    SchemaMapping session = IdentitySchemaMapping.builder()
        .spannerColumn("t", "id", INT64).spannerColumn("t", "extra", INT64)
        .spannerColumn("gone", "id", INT64)
        .sourceColumn("t", "id", SourceType.of("bigint")).sourceColumn("t", "extra",
            SourceType.of("int"))
        .sourceColumn("gone", "id", SourceType.of("bigint"))
        .sourcePrimaryKey("t", List.of("id")).sourcePrimaryKey("gone", List.of("id"))
        .build();

    // No record at all: nothing would ever reveal the problem record by record.
    WorkerHarness harness = run(database, session);

    assertEquals(ShardStatus.ERROR, harness.progress.row("s1").status());
    String error = harness.progress.row("s1").error();
    assertTrue(error.contains("table gone: does not exist in the shard database"), error);
    assertTrue(error.contains("table t, column extra, session type int: does not exist"), error);
  }

  @Test
  void shouldNeverWriteAColumnGeneratedInMySql() throws Exception {
    MySqlTestDatabase database = database("CREATE TABLE t (id BIGINT PRIMARY KEY, a INT,"
        + " b INT, total INT AS (a + b) STORED, half DOUBLE AS (a / 2) VIRTUAL)");
    SchemaMapping session = mapping("t", List.of("id", "a", "b", "total", "half"),
        SourceType.of("bigint"), SourceType.of("int"), SourceType.of("int"),
        SourceType.of("int"), SourceType.of("int"));

    WorkerHarness harness = run(database, session, insert("t", "{\"id\":\"1\"}",
        "{\"a\":\"2\",\"b\":\"3\",\"total\":\"5\",\"half\":\"1\"}"));

    assertEquals(ShardStatus.SUCCESS, harness.progress.row("s1").status(),
        harness.progress.row("s1").error());
    assertEquals(List.of("1|2|3|5|1.0"),
        SchemaFeaturesIT.rows(database, "SELECT id, a, b, total, half FROM t"));
  }

  @Test
  void shouldStopInErrorAtStartWhenASpannerGeneratedColumnMapsToAPlainColumn() throws Exception {
    MySqlTestDatabase database = database(
        "CREATE TABLE t (id BIGINT PRIMARY KEY, a INT, doubled INT NOT NULL)");
    SchemaMapping session = ResolvedSchemaMapping.withSpannerGenerated(
        mapping("t", List.of("id", "a", "doubled"), SourceType.of("bigint"), SourceType.of("int"),
            SourceType.of("int")), Set.of("t.doubled"));

    // The change stream carries no value for doubled.
    WorkerHarness harness =
        run(database, session, insert("t", "{\"id\":\"1\"}", "{\"a\":\"2\"}"));

    assertEquals(ShardStatus.ERROR, harness.progress.row("s1").status());
    String error = harness.progress.row("s1").error();
    assertTrue(error.contains("table t, column doubled, session type int, real type int(11):"
        + " Spanner column t.doubled is generated"), error);
    assertEquals(List.of(), SchemaFeaturesIT.rows(database, "SELECT id FROM t"));
  }

  private static SchemaMapping mapping(String table, List<String> columns, SourceType... types) {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder();
    for (int i = 0; i < columns.size(); i++) {
      builder.spannerColumn(table, columns.get(i), INT64)
          .sourceColumn(table, columns.get(i), types[i]);
    }
    return builder.sourcePrimaryKey(table, List.of(columns.get(0))).build();
  }

  private static MySqlTestDatabase database(String script) throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, script);
    }
    return database;
  }

  private static ChangeRecord insert(String table, String keys, String values) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(START.getEpochSecond() + 1, 0))
        .serverTransactionId("tx1").recordSequence("00000000").tableName(table)
        .modType(ModType.INSERT).keysJson(keys).newValuesJson(values)
        .numberOfRecordsInTransaction(1).shard("s1").build();
  }

  private WorkerHarness run(MySqlTestDatabase database, SchemaMapping session,
      ChangeRecord... records) throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    if (records.length > 0) {
      buffer.write("s1", WINDOW, List.of(records));
    }
    WorkerHarness harness = new WorkerHarness(buffer, session).start(START)
        .end(WINDOW.end().minusMillis(1));
    harness.readerProgress.set("s1", WINDOW.end());
    WorkerHarness.runToEnd(harness.worker("s1", database::connect), Duration.ofSeconds(30));
    return harness;
  }
}
