package dev.rr.writer.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.FixedSchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.MySqlExtension;
import dev.rr.writer.logic.ChangeMapper;
import dev.rr.writer.testing.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ChunkLoader} on a real server: once per chunk, all or nothing, and its load rate. */
class ChunkLoaderIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Timestamp T = Timestamp.ofTimeSecondsAndNanos(1_700_000_000, 123_000);
  private static final MySqlDialect DIALECT = new MySqlDialect();
  private static final TableMapping ITEMS = new TableMapping("Items", "items", List.of(
      new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("bigint")),
      new ColumnMapping("parent_id", SpannerType.of("INT64"), "parent_id", SourceType.of("bigint")),
      new ColumnMapping("v", SpannerType.of("STRING"), "v", SourceType.of("varchar", 200L))),
      List.of("id"), null);
  private static final String SCHEMA = "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY,"
      + " parent_id BIGINT, v VARCHAR(200) NOT NULL, FOREIGN KEY (parent_id) REFERENCES items (id))";
  private static final ChunkId CHUNK = new ChunkId("s1", "Items", 3);

  private final ChunkLoader loader = new ChunkLoader("run", T,
      new ChangeMapper(new FixedSchemaMapping(List.of(ITEMS)) {}, DIALECT, null, "s1"), DIALECT, 100);

  /** Rows {@code from..to-1}, each the child of the next one (loaded before its parent). */
  private static List<ChangeRecord> rows(int from, int to, String value) {
    List<ChangeRecord> rows = new ArrayList<>();
    for (int id = from; id < to; id++) {
      String parent = id + 1 < to ? "\"" + (id + 1) + "\"" : "null";
      String v = value == null ? "null" : "\"" + value + " " + id + "\"";
      rows.add(ChangeRecord.builder().commitTimestamp(T).serverTransactionId("snapshot")
          .tableName("Items").modType(ModType.INSERT).keysJson("{\"id\":\"" + id + "\"}")
          .newValuesJson("{\"parent_id\":" + parent + ",\"v\":" + v + "}").build());
    }
    return rows;
  }

  private static Connection open() throws Exception {
    Connection connection = mysql.newDatabase().connect();
    Fixtures.execute(connection, SCHEMA);
    new ChunkDao().ensureTable(connection);
    return connection;
  }

  @Test
  void shouldLoadAChunkOnceAndSkipItWhenAskedAgain() throws Exception {
    try (Connection connection = open()) {
      ChunkLoader.Result first = loader.load(connection, CHUNK, 8, rows(0, 450, "a"));
      ChunkLoader.Result again = loader.load(connection, CHUNK, 8, rows(0, 450, "changed"));

      assertEquals(new ChunkLoader.Result(false, 450, 5, 0), first);
      assertTrue(again.skipped());
      assertEquals(0, again.rows());
      assertEquals(450, Fixtures.count(connection, "SELECT COUNT(*) FROM items WHERE v LIKE 'a %'"));
      assertEquals(450, new ChunkDao().progress(connection, "run", "s1").get("Items").rows());
      assertEquals(1, new ChunkDao().progress(connection, "run", "s1").get("Items").chunks());
    }
  }

  @Test
  void shouldRefuseToSkipAChunkLoadedAsOneOfAnotherChunkCount() throws Exception {
    try (Connection connection = open()) {
      loader.load(connection, CHUNK, 8, rows(0, 10, "a"));

      // Chunk 3 of 2 names other rows than chunk 3 of 8: skipping it would lose them.
      SnapshotRefusedException refused = assertThrows(SnapshotRefusedException.class,
          () -> loader.load(connection, CHUNK, 2, rows(0, 10, "b")));
      assertTrue(refused.getMessage().contains("was loaded as one of 8 chunks, not 2"),
          refused.getMessage());
      assertEquals(Map.of("Items", 8), new ChunkDao().chunking(connection, "run", "s1", T));
    }
  }

  @Test
  void shouldLeaveNeitherRowsNorTheChunkRowWhenAChunkFails() throws Exception {
    try (Connection connection = open()) {
      List<ChangeRecord> bad = rows(0, 250, "a");
      bad.addAll(rows(250, 251, null));

      assertThrows(SQLException.class, () -> loader.load(connection, CHUNK, 8, bad));
      assertEquals(0, Fixtures.count(connection, "SELECT COUNT(*) FROM items"));
      assertTrue(new ChunkDao().progress(connection, "run", "s1").isEmpty());
      assertFalse(loader.load(connection, CHUNK, 8, rows(0, 251, "b")).skipped());
      assertEquals(251, Fixtures.count(connection, "SELECT COUNT(*) FROM items"));
    }
  }

  /**
   * The load rate against the server's ceiling, in one run: the same rows as 1,000-row upserts,
   * one transaction each, written straight with the dialect (no chunk rows). The two alternate,
   * twice, and the best of each counts: the machine is shared, one slow moment must not decide.
   */
  @Test
  void shouldLoadAtAFairShareOfTheServersBulkCeiling() throws Exception {
    ChunkLoader bulk = new ChunkLoader("run", T,
        new ChangeMapper(new FixedSchemaMapping(List.of(ITEMS)) {}, DIALECT, null, "s1"), DIALECT, 1000);
    double loaderRate = 0;
    double ceilingRate = 0;
    for (int round = 0; round < 2; round++) {
      try (Connection loaded = open(); Connection ceiling = open()) {
        ceilingRate = Math.max(ceilingRate, ceiling(ceiling));
        loaderRate = Math.max(loaderRate, loader(bulk, loaded));
        assertEquals(ROWS, Fixtures.count(loaded, "SELECT COUNT(*) FROM items"));
      }
    }
    System.out.printf("snapshot load: %.0f rows/s; server ceiling (same rows, 1000-row upserts,"
        + " one transaction each): %.0f rows/s; ratio %.2f%n", loaderRate, ceilingRate,
        loaderRate / ceilingRate);

    // One commit per row (the anti-pattern) measures about 0.07 of the ceiling on this machine kind.
    assertTrue(loaderRate > 0.1 * ceilingRate,
        "loader " + loaderRate + " rows/s vs ceiling " + ceilingRate);
  }

  private static final int ROWS = 20_000;
  private static final int CHUNK_ROWS = 5_000;

  private static double loader(ChunkLoader bulk, Connection connection) throws SQLException {
    long started = System.nanoTime();
    for (int chunk = 0; chunk < ROWS / CHUNK_ROWS; chunk++) {
      bulk.load(connection, new ChunkId("s1", "Items", chunk), ROWS / CHUNK_ROWS,
          rows(chunk * CHUNK_ROWS, (chunk + 1) * CHUNK_ROWS, "x".repeat(150)));
    }
    return ROWS / ((System.nanoTime() - started) / 1e9);
  }

  private static double ceiling(Connection connection) throws Exception {
    long started = System.nanoTime();
    connection.setAutoCommit(false);
    Fixtures.execute(connection, "SET foreign_key_checks = 0");
    for (int from = 0; from < ROWS; from += 1000) {
      List<MappedChange> changes = new ArrayList<>();
      for (ChangeRecord record : rows(from, from + 1000, "x".repeat(150))) {
        changes.add(DIALECT.map(record, ITEMS));
      }
      try (PreparedStatement statement = DIALECT.upsertBatch(changes).prepare(connection)) {
        statement.execute();
      }
      connection.commit();
    }
    return ROWS / ((System.nanoTime() - started) / 1e9);
  }
}
