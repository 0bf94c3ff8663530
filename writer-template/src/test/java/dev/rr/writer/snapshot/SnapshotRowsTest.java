package dev.rr.writer.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.ByteArray;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotRowsTest {
  private static final Timestamp T = Timestamp.parseTimestamp("2026-12-06T03:00:00.123456Z");
  private static final TableMapping ORDERS = new TableMapping("Orders", "orders", List.of(
      new ColumnMapping("OrderId", SpannerType.of("INT64"), "order_id", SourceType.of("bigint")),
      new ColumnMapping("Amount", SpannerType.of("NUMERIC"), "amount",
          SourceType.of("decimal", 10L, 2L)),
      new ColumnMapping("Payload", SpannerType.of("BYTES"), "payload", SourceType.of("blob")),
      new ColumnMapping("Shard", SpannerType.of("STRING"), null, null)),
      List.of("order_id"), "Shard");

  private static Struct row(long id, String shard) {
    return Struct.newBuilder().set("OrderId").to(id).set("Amount").to(new BigDecimal("12.50"))
        .set("Payload").to(ByteArray.copyFrom(new byte[] {1, 2})).set("Shard").to(shard).build();
  }

  @Test
  void shouldEncodeARowAsTheInsertTheChangeStreamWouldCarry() {
    ChangeRecord record = SnapshotRows.record(ORDERS, row(7, "s2"), T);

    assertEquals(ModType.INSERT, record.modType());
    assertEquals(T, record.commitTimestamp());
    assertEquals("{\"OrderId\":\"7\"}", record.keysJson());
    assertEquals("{\"Amount\":\"12.50\",\"Payload\":\"AQI=\",\"Shard\":\"s2\"}",
        record.newValuesJson());
  }

  @Test
  void shouldRouteAndMapASnapshotRowLikeAStreamedInsert() {
    SchemaMapping schema = mapping();
    ShardRouter router = ShardRouter.withDefaultFetcher(schema, Set.of("s1", "s2"));
    ChangeRecord record = SnapshotRows.record(ORDERS, row(7, "s2"), T);

    assertEquals("s2", router.route(record).logicalShardId());
    MappedChange change = new MySqlDialect(ZoneOffset.UTC).map(record, ORDERS);
    assertEquals(Map.of("order_id", 7L), Map.copyOf(change.key()));
    assertEquals(Set.of("order_id", "amount", "payload"), change.values().keySet());
  }

  @Test
  void shouldPutARowInTheSameChunkEveryTimeAndSpreadRowsOverChunks() {
    Set<Integer> chunks = new HashSet<>();
    for (long id = 0; id < 200; id++) {
      ChangeRecord record = SnapshotRows.record(ORDERS, row(id, "s1"), T);
      int chunk = SnapshotRows.chunkOf(record, 8);
      assertEquals(chunk, SnapshotRows.chunkOf(SnapshotRows.record(ORDERS, row(id, "s1"), T), 8));
      assertTrue(chunk >= 0 && chunk < 8);
      chunks.add(chunk);
    }
    assertEquals(8, chunks.size());
    assertEquals(1, SnapshotRows.chunkCount(0, 1000));
    assertEquals(3, SnapshotRows.chunkCount(2001, 1000));
  }

  @Test
  void shouldEndTheSnapshotWithACheckpointCoveringEveryTransactionAtTAndNoneAfter() {
    Checkpoint checkpoint = SnapshotCheckpoint.at("run", "s1", T);
    Timestamp oneMicroLater = Timestamp.ofTimeSecondsAndNanos(T.getSeconds(), T.getNanos() + 1000);

    assertTrue(checkpoint.covers(T, "zzzzzz"));
    assertTrue(checkpoint.covers(T, ""));
    assertTrue(checkpoint.covers(Timestamp.ofTimeSecondsAndNanos(T.getSeconds() - 1, 0), "a"));
    assertFalse(checkpoint.covers(oneMicroLater, "0"));
    assertFalse(checkpoint.covers(oneMicroLater, ""));
  }

  private static SchemaMapping mapping() {
    return new SchemaMapping() {
      @Override
      public Optional<TableMapping> forSpannerTable(String spannerTable) {
        return spannerTable.equals("Orders") ? Optional.of(ORDERS) : Optional.empty();
      }

      @Override
      public Set<String> spannerTables() {
        return Set.of("Orders");
      }
    };
  }
}
