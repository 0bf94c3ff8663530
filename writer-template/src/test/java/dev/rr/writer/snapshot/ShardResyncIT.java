package dev.rr.writer.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.mysql.checkpoint.ResyncFence;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.FixedSchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.MySqlExtension;
import dev.rr.writer.logic.ChangeMapper;
import dev.rr.writer.testing.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ShardResync} on a real server: the fence, loading with staged keys, the sweep of rows
 * Spanner does not have (in bounded statements), the restored checkpoint, and a resume.
 */
class ShardResyncIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final String RUN = "run";
  private static final Timestamp T = Timestamp.ofTimeSecondsAndNanos(1_700_000_000, 123_000);
  private static final MySqlDialect DIALECT = new MySqlDialect();
  private static final TableMapping ITEMS = new TableMapping("Items", "items", List.of(
      new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("bigint")),
      new ColumnMapping("v", SpannerType.of("STRING"), "v", SourceType.of("varchar", 200L))),
      List.of("id"), null);
  private static final SchemaMapping SCHEMA = new FixedSchemaMapping(List.of(ITEMS)) {};

  private final ShardResync resync = new ShardResync();
  private final ChunkLoader loader = new ChunkLoader(RUN + SnapshotPlan.RESYNC_CHUNKS, T,
      new ChangeMapper(SCHEMA, DIALECT, null, "s1"), DIALECT, 1000, true);

  /** Spanner's rows at T: ids {@code from..to-1}, value {@code value}. */
  private static List<ChangeRecord> rows(int from, int to, String value) {
    List<ChangeRecord> rows = new ArrayList<>();
    for (int id = from; id < to; id++) {
      rows.add(ChangeRecord.builder().commitTimestamp(T).serverTransactionId("snapshot")
          .tableName("Items").modType(ModType.INSERT).keysJson("{\"id\":\"" + id + "\"}")
          .newValuesJson("{\"v\":\"" + value + "\"}").build());
    }
    return rows;
  }

  private static Connection open() throws Exception {
    Connection connection = mysql.newDatabase().connect();
    Fixtures.execute(connection, "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY,"
        + " v VARCHAR(200) NOT NULL)");
    return connection;
  }

  @Test
  void shouldBringTheShardToSpannersRowsAtTAndRestoreTheCheckpointAfterT() throws Exception {
    try (Connection connection = open()) {
      // The shard diverged: rows 0..12999 (many Spanner no longer has), all with old values.
      Fixtures.execute(connection, "SET SESSION max_recursive_iterations = 20000");
      Fixtures.execute(connection, "INSERT INTO items WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL"
          + " SELECT n + 1 FROM s WHERE n < 12999) SELECT n, 'old' FROM s");
      ResyncFence fence = resync.begin(connection, RUN, "s1", SCHEMA, true, () -> T);
      ResyncFence again = resync.begin(connection, RUN, "s1", SCHEMA, true, () -> Timestamp.now());
      assertThrows(SnapshotRefusedException.class,
          () -> resync.begin(connection, RUN, "s1", SCHEMA, false, Timestamp::now),
          "a whole-shard resync is not resumed for some tables only");
      // Spanner at T: ids 500..1499 (missing in part, changed), in two chunks.
      loader.load(connection, new ChunkId("s1", "Items", 0), 2, rows(500, 1000, "new"));
      loader.load(connection, new ChunkId("s1", "Items", 1), 2, rows(1000, 1500, "new"));
      Map<String, Long> deleted = resync.finish(connection, RUN, "s1", SCHEMA);

      assertEquals(fence, again, "a second begin resumes the resync under way, same T");
      assertEquals(T, fence.readAt());
      assertEquals(Map.of("Items", 12_000L), deleted);
      assertEquals(expected(500, 1500, "new"), items(connection));
      Checkpoint restored = new CheckpointDao().read(connection, RUN, "s1").orElseThrow();
      assertEquals(SnapshotCheckpoint.at(RUN, "s1", T).commitTimestamp(),
          restored.commitTimestamp(), "everything up to T is applied");
      assertEquals("", restored.serverTransactionId());
      assertEquals(0, Fixtures.count(connection, "SELECT COUNT(*) FROM information_schema.TABLES"
          + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + KeyStaging.tableFor("items")
          + "'"), "the staging table is dropped");
    }
  }

  @Test
  void shouldResyncSomeTablesAtTheShardsOwnCheckpointAndRestoreIt() throws Exception {
    try (Connection connection = open()) {
      Fixtures.execute(connection, "INSERT INTO items VALUES (1, 'x'), (2, 'y')");
      assertThrows(SnapshotRefusedException.class,
          () -> resync.begin(connection, RUN, "s1", SCHEMA, false, () -> T),
          "some tables of a shard without a checkpoint");
      CheckpointDao checkpoints = new CheckpointDao();
      Checkpoint applied = new Checkpoint(RUN, "s1", Instant.parse("2023-11-14T22:13:10Z"),
          Instant.parse("2023-11-14T22:13:20Z"), T, "tx42", 17);
      connection.setAutoCommit(false);
      checkpoints.advance(connection, null, applied);
      connection.commit();
      connection.setAutoCommit(true);

      ResyncFence fence = resync.begin(connection, RUN, "s1", SCHEMA, false, Timestamp::now);
      assertTrue(ResyncFence.isFence(checkpoints.read(connection, RUN, "s1").orElseThrow()));
      loader.load(connection, new ChunkId("s1", "Items", 0), 1, rows(2, 4, "z"));
      resync.finish(connection, RUN, "s1", SCHEMA);

      assertEquals(T, fence.readAt(), "read at the shard's checkpoint");
      assertEquals(applied, checkpoints.read(connection, RUN, "s1").orElseThrow());
      assertEquals(expected(2, 4, "z"), items(connection));
    }
  }

  private static Map<Long, String> expected(int from, int to, String value) {
    Map<Long, String> rows = new TreeMap<>();
    for (long id = from; id < to; id++) {
      rows.put(id, value);
    }
    return rows;
  }

  private static Map<Long, String> items(Connection connection) throws Exception {
    Map<Long, String> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT id, v FROM items")) {
      while (result.next()) {
        rows.put(result.getLong(1), result.getString(2));
      }
    }
    return rows;
  }
}
