package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.model.ModType;
import dev.rr.reader.dofn.AssignShardFn;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded reader runs on the emulator routing by the session's ShardIdColumn: files per shard in
 * commit order, deletes routed by the deleted row, unmapped tables and unknown shard ids kept in
 * their own directories, and created_upto for every shard.
 */
class ShardRoutingIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  static final String ORDERS =
      "CREATE TABLE orders (id INT64 NOT NULL, migration_shard_id STRING(MAX), amount INT64,"
          + " note STRING(MAX)) PRIMARY KEY (id)";
  static final String AUDIT =
      "CREATE TABLE audit_log (id INT64 NOT NULL, note STRING(MAX)) PRIMARY KEY (id)";

  @TempDir Path work;

  @AfterEach
  void dropDatabases() {
    ReaderRunFixture.dropDatabases();
  }

  private static long counter(PipelineResult result, String name) {
    return PipelineCounters.sum(result, AssignShardFn.class, name);
  }

  static Mutation order(long id, String shard, long amount) {
    return Mutation.newInsertOrUpdateBuilder("orders").set("id").to(id)
        .set("migration_shard_id").to(shard).set("amount").to(amount).build();
  }

  static String key(long id) {
    return "{\"id\":\"" + id + "\"}";
  }

  @Test
  void shouldRouteBySessionShardIdColumnKeepingUnroutableRecordsAndPublishingProgress()
      throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("shardA", "shardB"),
        ORDERS, AUDIT, "CREATE CHANGE STREAM cs FOR ALL OPTIONS (value_capture_type = 'NEW_ROW')");
    Timestamp t1 = run.data.write(order(1, "shardA", 10), order(2, "shardB", 20));
    run.expect("shardA", "orders", ModType.INSERT, key(1), "shardA", t1);
    run.expect("shardB", "orders", ModType.INSERT, key(2), "shardB", t1);
    Timestamp t2 = run.data.write(Mutation.newUpdateBuilder("orders").set("id").to(1)
        .set("amount").to(11).build());
    run.expect("shardA", "orders", ModType.UPDATE, key(1), "shardA", t2);
    Timestamp t3 = run.data.write(order(3, "shardZ", 30));
    run.expect("skip-unknown-shard", "orders", ModType.INSERT, key(3), "shardZ", t3);
    Timestamp t4 = run.data.write(Mutation.newInsertBuilder("audit_log").set("id").to(1)
        .set("note").to("not in the session").build());
    run.expect("skip", "audit_log", ModType.INSERT, key(1), null, t4);
    // NEW_ROW: a delete carries neither old nor new values; the row is read just before it.
    Timestamp t5 = run.data.write(Mutation.delete("orders", Key.of(2)));
    run.expect("shardB", "orders", ModType.DELETE, key(2), "shardB", t5);
    Timestamp t6 = run.data.write(order(4, "shardB", 40));
    Timestamp t7 = run.data.write(Mutation.delete("orders", Key.of(4)));
    assertTrue(t7.toSqlTimestamp().getTime() - t6.toSqlTimestamp().getTime() < 1000);
    run.expect("shardB", "orders", ModType.INSERT, key(4), "shardB", t6);
    run.expect("shardB", "orders", ModType.DELETE, key(4), "shardB", t7);

    ReaderConfig config = run.config("routing", "2s", t7)
        .sessionFilePath(ReaderRunFixture.resource("/sessions/orders-sharded-session.json"))
        .build();
    PipelineResult result = ReaderPipeline.run(config, ReaderRunFixture.directOptions());
    result.waitUntilFinish();

    assertEquals(run.expectedFiles(Duration.ofSeconds(2)), run.actualFiles());
    Instant lastEnd = IntervalGrid.anchoredAt(run.start, Duration.ofSeconds(2))
        .windowEnd(IntervalGrid.toInstant(t7));
    assertEquals(Map.of("shardA", lastEnd, "shardB", lastEnd), run.createdUpto("routing"));
    assertEquals(run.start, run.runs().read("routing").orElseThrow().startTimestamp());
    assertEquals(1, counter(result, AssignShardFn.SKIPPED_RECORDS));
    assertEquals(1, counter(result, AssignShardFn.UNKNOWN_SHARD_RECORDS));
    // Two deletes, and the update (NEW_ROW has no old values to tell whether its row moved).
    assertEquals(3, counter(result, AssignShardFn.ROW_LOOKUPS));
    assertEquals(0, counter(result, AssignShardFn.SHARD_MOVES));
  }

  @Test
  void shouldRouteDeletesByTheirCapturedOldValuesWithoutReadingRows() throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("shardA", "shardB"),
        ORDERS,
        "CREATE CHANGE STREAM cs FOR ALL OPTIONS (value_capture_type = 'OLD_AND_NEW_VALUES')");
    Timestamp t1 = run.data.write(order(1, "shardA", 10));
    Timestamp t2 = run.data.write(Mutation.delete("orders", Key.of(1)));
    Timestamp t3 = run.data.write(order(2, "shardB", 20));
    // Only the changed column is captured: the shard id column is read at the commit time.
    Timestamp t4 = run.data.write(Mutation.newUpdateBuilder("orders").set("id").to(2)
        .set("amount").to(21).build());
    run.expect("shardA", "orders", ModType.INSERT, key(1), "shardA", t1);
    run.expect("shardA", "orders", ModType.DELETE, key(1), "shardA", t2);
    run.expect("shardB", "orders", ModType.INSERT, key(2), "shardB", t3);
    run.expect("shardB", "orders", ModType.UPDATE, key(2), "shardB", t4);

    ReaderConfig config = run.config("oldvalues", "10s", t4)
        .sessionFilePath(ReaderRunFixture.resource("/sessions/orders-sharded-session.json"))
        .build();
    PipelineResult result = ReaderPipeline.run(config, ReaderRunFixture.directOptions());
    result.waitUntilFinish();

    assertEquals(run.expectedFiles(Duration.ofSeconds(10)), run.actualFiles());
    assertEquals(1, counter(result, AssignShardFn.ROW_LOOKUPS));
  }

  @Test
  @Disabled("not handled yet (limitations.md, 'A row re-inserted under another shard id'): the"
      + " emulator reports a row deleted and inserted again in one transaction, and a Replace"
      + " mutation of an existing row, as an INSERT; the reader does not read before inserts")
  void shouldMoveARowDeletedAndInsertedAgainWithAnotherShardIdInOneTransaction() throws Exception {
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("shardA", "shardB"),
        ORDERS, "CREATE CHANGE STREAM cs FOR ALL OPTIONS (value_capture_type = 'NEW_ROW')");
    Timestamp t1 = run.data.write(order(5, "shardA", 50));
    // Seen on the emulator 1.5.28: the change stream records this as an INSERT of row 5 only.
    Timestamp t2 = run.data.write(Mutation.delete("orders", Key.of(5)), Mutation.newInsertBuilder(
        "orders").set("id").to(5).set("migration_shard_id").to("shardB").set("amount").to(51).build());
    run.expect("shardA", "orders", ModType.INSERT, key(5), "shardA", t1);
    run.expect("shardA", "orders", ModType.DELETE, key(5), "shardA", t2);
    run.expect("shardB", "orders", ModType.INSERT, key(5), "shardB", t2);

    ReaderConfig config = run.config("reinsert", "10s", t2)
        .sessionFilePath(ReaderRunFixture.resource("/sessions/orders-sharded-session.json"))
        .build();
    PipelineResult result = ReaderPipeline.run(config, ReaderRunFixture.directOptions());
    result.waitUntilFinish();

    assertEquals(run.expectedFiles(Duration.ofSeconds(10)), run.actualFiles());
    assertEquals(1, counter(result, AssignShardFn.SHARD_MOVES));
  }
}
