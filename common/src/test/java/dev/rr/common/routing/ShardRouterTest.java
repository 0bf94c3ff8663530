package dev.rr.common.routing;

import static dev.rr.common.routing.SpannerJsonValuesTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardRouterTest {
  private static final TableMapping SINGERS = new TableMapping("Singers", "singers", List.of(
      new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("int")),
      new ColumnMapping("shard", SpannerType.of("STRING"), null, null)), List.of("id"), "shard");
  private static final TableMapping ALBUMS = new TableMapping("Albums", "albums", List.of(
      new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("int"))),
      List.of("id"), null);
  private static final SchemaMapping MAPPING = new TestMapping(SINGERS, ALBUMS);
  private static final Set<String> SHARDS = Set.of("ls1", "ls2");

  private static ShardRouter sessionRouter() {
    return new ShardRouter(MAPPING, SHARDS, new SessionShardIdFetcher(MAPPING));
  }

  @Test
  void shouldRouteByShardIdColumnOfTheNewRow() {
    ChangeRecord insert = record(ModType.INSERT, "{}", "{\"shard\":\"ls2\"}");

    assertEquals(RouteResult.routed("ls2"), sessionRouter().route(insert));
  }

  @Test
  void shouldRouteDeleteToShardOfOldRowWhenNoNewValues() {
    ChangeRecord delete = record(ModType.DELETE, "{\"shard\":\"ls1\"}", "{}");

    assertEquals(RouteResult.routed("ls1"), sessionRouter().route(delete));
  }

  @Test
  void shouldReportUnknownTableAndNotAskTheFetcher() {
    ShardIdFetcher failing = request -> {
      throw new AssertionError("fetcher called for unknown table");
    };
    ChangeRecord record = ChangeRecord.builder().commitTimestamp(Timestamp.ofTimeMicroseconds(1))
        .serverTransactionId("tx").tableName("Unmapped").modType(ModType.INSERT).build();

    RouteResult result = new ShardRouter(MAPPING, SHARDS, failing).route(record, Map.of());

    assertEquals(RouteResult.Outcome.UNKNOWN_TABLE, result.outcome());
    assertEquals(Map.of(), sessionRouter().rowOf(record));
  }

  @Test
  void shouldReportShardIdAbsentFromShardsFile() {
    ChangeRecord insert = record(ModType.INSERT, "{}", "{\"shard\":\"ls9\"}");

    assertEquals(RouteResult.unknownShard("ls9"), sessionRouter().route(insert));
  }

  @Test
  void shouldReportNullOrMissingShardColumnAsUnknownShard() {
    ChangeRecord nullShard = record(ModType.INSERT, "{}", "{\"shard\":null}");
    ChangeRecord noImage = record(ModType.DELETE, "{}", "{}");

    assertEquals(RouteResult.unknownShard(null), sessionRouter().route(nullShard));
    assertEquals(RouteResult.unknownShard(null), sessionRouter().route(noImage));
  }

  @Test
  void shouldReportTableWithoutShardColumnAsUnknownShardWhenSeveralShards() {
    Map<String, Object> row = Map.of("id", 5L);

    RouteResult result = sessionRouter().route(albums(), row);

    assertEquals(RouteResult.unknownShard(null), result);
  }

  @Test
  void shouldRouteEverythingToTheOnlyShard() {
    ShardRouter router = ShardRouter.withDefaultFetcher(MAPPING, Set.of("only"));

    assertEquals(RouteResult.routed("only"), router.route(albums(), Map.of()));
  }

  @Test
  void shouldUseSessionColumnsByDefaultWithSeveralShards() {
    ShardRouter router = ShardRouter.withDefaultFetcher(MAPPING, SHARDS);

    assertEquals(RouteResult.routed("ls1"),
        router.route(record(ModType.INSERT, "{}", "{\"shard\":\"ls1\"}")));
  }

  @Test
  void shouldPassTypedRowToCustomFetcher() {
    Map<String, Object> seen = new HashMap<>();
    ShardIdFetcher byId = request -> {
      seen.putAll(request.row());
      return new ShardIdResponse((Long) request.row().get("id") % 2 == 0 ? "ls2" : "ls1");
    };

    RouteResult result = new ShardRouter(MAPPING, SHARDS, byId)
        .route(record(ModType.INSERT, "{}", "{\"shard\":\"ignored\"}"));

    assertEquals(RouteResult.routed("ls1"), result);
    assertEquals(Map.of("id", 1L, "shard", "ignored"), seen);
  }

  @Test
  void shouldTreatNullResponseAsUnknownShard() {
    RouteResult result = new ShardRouter(MAPPING, SHARDS, request -> null)
        .route(albums(), Map.of());

    assertEquals(RouteResult.unknownShard(null), result);
  }

  @Test
  void shouldSurviveJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(sessionRouter());
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      ShardRouter copy = (ShardRouter) in.readObject();

      assertEquals(RouteResult.routed("ls2"),
          copy.route(record(ModType.INSERT, "{}", "{\"shard\":\"ls2\"}")));
    }
  }

  @Test
  void shouldRejectRoutedResultWithoutShard() {
    assertThrows(IllegalArgumentException.class,
        () -> new RouteResult(RouteResult.Outcome.ROUTED, null));
  }

  private static ChangeRecord albums() {
    return ChangeRecord.builder().commitTimestamp(Timestamp.ofTimeMicroseconds(1))
        .serverTransactionId("tx").tableName("Albums").modType(ModType.INSERT)
        .keysJson("{\"id\":\"5\"}").build();
  }

  /** A minimal serializable mapping over fixed tables. */
  private record TestMapping(TableMapping... tables) implements SchemaMapping {
    @Override
    public Optional<TableMapping> forSpannerTable(String spannerTable) {
      return List.of(tables).stream().filter(t -> t.spannerName().equals(spannerTable))
          .findFirst();
    }

    @Override
    public Set<String> spannerTables() {
      return Set.of("Singers", "Albums");
    }
  }
}
