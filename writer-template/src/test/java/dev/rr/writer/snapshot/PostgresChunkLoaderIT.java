package dev.rr.writer.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ConversionException;
import dev.rr.common.postgres.PostgresDialect;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.testing.PostgresExtension;
import dev.rr.writer.logic.ChangeMapper;
import dev.rr.writer.testing.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The snapshot and resync loader on a real PostgreSQL server with array and enum columns: rows
 * read from Spanner ({@link SnapshotRows}) are loaded through multi-row upserts, their enum keys
 * staged and the rows not staged swept, and a value that is not a label is refused before sending.
 */
class PostgresChunkLoaderIT {
  @RegisterExtension static PostgresExtension postgres = new PostgresExtension();

  private static final Timestamp T = Timestamp.ofTimeSecondsAndNanos(1_700_000_000, 0);

  private static SchemaMapping mapping() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("Items", "id", SpannerType.of("INT64")).sourceColumn("items", "id", SourceType.of("bigint"))
        .spannerColumn("Items", "m", SpannerType.of("STRING")).sourceColumn("items", "m", SourceType.of("text"))
        .spannerColumn("Items", "nums", SpannerType.arrayOf("INT64")).sourceColumn("items", "nums", SourceType.of("text"))
        .spannerColumn("Items", "tags", SpannerType.arrayOf("STRING")).sourceColumn("items", "tags", SourceType.of("text"))
        .spannerColumn("Items", "ts", SpannerType.arrayOf("TIMESTAMP")).sourceColumn("items", "ts", SourceType.of("text"))
        .sourcePrimaryKey("items", List.of("id", "m"))
        .build();
  }

  private static Struct row(long id, String mood, List<Long> nums, List<String> tags, List<Timestamp> ts) {
    return Struct.newBuilder().set("id").to(id).set("m").to(mood).set("nums").toInt64Array(nums)
        .set("tags").toStringArray(tags).set("ts").toTimestampArray(ts).build();
  }

  @Test
  void shouldLoadArraysAndEnumKeysThenSweepRowsWhoseEnumKeyIsNotStaged() throws Exception {
    try (Connection connection = postgres.newDatabase().connect()) {
      Fixtures.execute(connection, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
          + " CREATE TABLE items (id BIGINT, m mood, nums INTEGER[], tags VARCHAR(5)[],"
          + " ts TIMESTAMPTZ[], PRIMARY KEY (id, m));"
          + " INSERT INTO items VALUES (1, 'ok', '{9}', '{old}', NULL), (1, 'sad', NULL, NULL, NULL)");
      new ChunkDao(SnapshotSql.POSTGRESQL).ensureTable(connection);
      PostgresDialect base = new PostgresDialect(ZoneOffset.UTC);
      ShardCatalog catalog = base.readCatalog(connection);
      PostgresDialect dialect = base.forShard(catalog);
      SchemaMapping live = dialect.resolve(mapping(), catalog);
      TableMapping table = live.forSpannerTable("Items").orElseThrow();
      KeyStaging staging = new KeyStaging(SnapshotSql.POSTGRESQL);
      staging.recreate(connection, table);
      ChunkLoader loader = new ChunkLoader("run", T, new ChangeMapper(live, dialect, null, "s1"),
          new ChunkLoader.Sink(dialect, SnapshotSql.POSTGRESQL, Optional.empty()), 100, true);

      List<ChangeRecord> records = List.of(
          SnapshotRows.record(table, row(1, "ok", Arrays.asList(1L, null, 3L), Arrays.asList("a b", null),
              List.of(Timestamp.parseTimestamp("2024-05-01T10:15:30.5Z"))), T),
          SnapshotRows.record(table, row(2, "happy", List.of(), null, null), T));
      ChunkLoader.Result result = loader.load(connection, new ChunkId("s1", "Items", 0), 1, records);
      long swept = staging.sweep(connection, table, Optional.empty());

      assertEquals(new ChunkLoader.Result(false, 2, 1, 0), result);
      assertEquals(1, swept, "(1, 'sad') was not staged");
      assertEquals("1|ok|{1,NULL,3}|{\"a b\",NULL}|{\"2024-05-01 10:15:30.5+00\"}\n"
          + "2|happy|{}|NULL|NULL\n", rows(connection));

      ConversionException refused = assertThrows(ConversionException.class, () -> loader.load(
          connection, new ChunkId("s1", "Items", 1), 2,
          List.of(SnapshotRows.record(table, row(3, "angry", null, null, null), T))));
      assertTrue(refused.getMessage().contains("\"angry\" of Spanner type STRING to shard column items.m"),
          refused.getMessage());
    }
  }

  private static String rows(Connection connection) throws Exception {
    StringBuilder text = new StringBuilder();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
      try (ResultSet rows = statement.executeQuery("SELECT concat_ws('|', id, m,"
          + " coalesce(nums::text, 'NULL'), coalesce(tags::text, 'NULL'), coalesce(ts::text, 'NULL'))"
          + " FROM items ORDER BY id, m")) {
        while (rows.next()) {
          text.append(rows.getString(1)).append('\n');
        }
      }
    }
    return text.toString();
  }
}
