package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.routing.RouteResult.Outcome;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.SchemaMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardAssignerTest {
  private static final Timestamp COMMIT = Timestamp.ofTimeSecondsAndNanos(1_700_000_000L, 500);
  private static final OutputLayout LAYOUT = new OutputLayout("/buffer", "skip", "skip-unknown-shard");
  private static final SchemaMapping MAPPING = TestMappings.orders();

  /** Answers reads from a fixed table of rows and remembers what was asked. */
  private static final class FakeLookup implements RowLookup {
    final List<String> reads = new ArrayList<>();
    final Map<String, Map<String, Object>> rows;
    final boolean fail;

    FakeLookup(Map<String, Map<String, Object>> rows, boolean fail) {
      this.rows = rows;
      this.fail = fail;
    }

    @Override
    public Optional<Map<String, Object>> readRow(String table, String keysJson, Timestamp at) {
      reads.add(table + keysJson + "@" + at);
      if (fail) {
        throw new LookupFailedException("read timestamp too old", null);
      }
      return Optional.ofNullable(rows.get(keysJson));
    }
  }

  private static ChangeRecord.Builder order(ModType type, String keys, String oldValues, String newValues) {
    return ChangeRecord.builder()
        .commitTimestamp(COMMIT)
        .serverTransactionId("7")
        .tableName("Orders")
        .modType(type)
        .keysJson(keys)
        .oldValuesJson(oldValues)
        .newValuesJson(newValues);
  }

  private static ShardAssigner assigner(FakeLookup lookup, RowNeed need) {
    ShardRouter router = ShardRouter.withDefaultFetcher(MAPPING, Set.of("a", "b"));
    return new ShardAssigner(router, MAPPING, new RowImages(router, MAPPING, need, lookup), LAYOUT);
  }

  @Test
  void shouldRouteInsertByTheShardIdColumnOfItsNewValuesWithoutReading() {
    FakeLookup lookup = new FakeLookup(Map.of(), false);
    ShardAssigner.Assignment assignment =
        assigner(lookup, RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.INSERT, "{\"id\":\"1\"}", "{}",
                "{\"shard\":\"b\",\"amount\":\"5\"}").build());

    assertEquals("b", assignment.directory());
    assertEquals("b", assignment.record().shard());
    assertEquals(Outcome.ROUTED, assignment.outcome());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldRouteDeleteToShardOfOldRowWhenNoNewValues() {
    FakeLookup lookup = new FakeLookup(Map.of(), false);
    ShardAssigner.Assignment assignment =
        assigner(lookup, RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.DELETE, "{\"id\":\"1\"}",
                "{\"shard\":\"a\",\"amount\":\"5\"}", "{}").build());

    assertEquals("a", assignment.directory());
    assertFalse(assignment.readFromSpanner());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldReadTheDeletedRowOneMicrosecondBeforeTheDeleteWhenNoOldValuesAreCaptured() {
    FakeLookup lookup = new FakeLookup(
        Map.of("{\"id\":\"1\"}", Map.of("id", 1L, "shard", "b", "amount", 5L)), false);
    ShardAssigner.Assignment assignment =
        assigner(lookup, RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.DELETE, "{\"id\":\"1\"}", "{}", "{}").build());

    assertEquals("b", assignment.directory());
    assertTrue(assignment.readFromSpanner());
    assertEquals(
        List.of("Orders{\"id\":\"1\"}@" + Timestamp.ofTimeSecondsAndNanos(1_699_999_999L, 999_999_500)),
        lookup.reads);
  }

  @Test
  void shouldSendRecordsOfUnmappedTablesToTheSkipDirectoryWithoutReading() {
    FakeLookup lookup = new FakeLookup(Map.of(), false);
    ShardAssigner.Assignment assignment =
        assigner(lookup, RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.DELETE, "{\"id\":\"1\"}", "{}", "{}").tableName("Audit").build());

    assertEquals("skip", assignment.directory());
    assertEquals(Outcome.UNKNOWN_TABLE, assignment.outcome());
    assertNull(assignment.record().shard());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldKeepAnUnknownShardIdInTheRecordAndUseTheUnknownShardDirectory() {
    ShardAssigner.Assignment assignment =
        assigner(new FakeLookup(Map.of(), false), RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.INSERT, "{\"id\":\"1\"}", "{}", "{\"shard\":\"zz\"}").build());

    assertEquals("skip-unknown-shard", assignment.directory());
    assertEquals("zz", assignment.record().shard());
    assertEquals(Outcome.UNKNOWN_SHARD, assignment.outcome());
  }

  @Test
  void shouldSendARecordWhoseRowCannotBeReadToTheUnknownShardDirectory() {
    ShardAssigner.Assignment assignment =
        assigner(new FakeLookup(Map.of(), true), RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.DELETE, "{\"id\":\"1\"}", "{}", "{}").build());

    assertEquals("skip-unknown-shard", assignment.directory());
    assertNull(assignment.record().shard());
    assertTrue(assignment.lookupFailed());
  }

  @Test
  void shouldReadInsertedRowAtCommitTimeWhenAFullRowIsNeededAndValuesAreMissing() {
    FakeLookup lookup = new FakeLookup(
        Map.of("{\"id\":\"1\"}", Map.of("id", 1L, "shard", "a", "amount", 5L)), false);
    // OLD_AND_NEW_VALUES: an update carries only the changed columns
    RowImages rows = new RowImages(
        ShardRouter.withDefaultFetcher(MAPPING, Set.of("a", "b")), MAPPING, RowNeed.FULL_ROW, lookup);

    RowImages.Image image =
        rows.rowFor(order(ModType.UPDATE, "{\"id\":\"1\"}", "{\"amount\":\"4\"}",
            "{\"amount\":\"5\"}").build());

    assertTrue(image.readFromSpanner());
    assertEquals("a", image.row().get("shard"));
    assertEquals(List.of("Orders{\"id\":\"1\"}@" + COMMIT), lookup.reads);
  }

  @Test
  void shouldNeverLookAtRowsForASingleShard() {
    FakeLookup lookup = new FakeLookup(Map.of(), true);
    ShardRouter router = ShardRouter.withDefaultFetcher(MAPPING, Set.of("only"));
    ShardAssigner assigner =
        new ShardAssigner(router, MAPPING, new RowImages(router, MAPPING, RowNeed.NONE, null), LAYOUT);

    ShardAssigner.Assignment assignment =
        assigner.assign(order(ModType.DELETE, "{\"id\":\"1\"}", "{}", "{}").build());

    assertEquals("only", assignment.directory());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldStepBackOneMicrosecondAcrossASecondBoundary() {
    assertEquals(
        Timestamp.ofTimeSecondsAndNanos(9, 999_999_000),
        RowImages.justBefore(Timestamp.ofTimeSecondsAndNanos(10, 0)));
    assertEquals(
        Timestamp.ofTimeSecondsAndNanos(10, 1_000),
        RowImages.justBefore(Timestamp.ofTimeSecondsAndNanos(10, 2_000)));
  }
}
