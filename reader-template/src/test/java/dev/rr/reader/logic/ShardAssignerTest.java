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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardAssignerTest {
  private static final Timestamp COMMIT = Timestamp.ofTimeSecondsAndNanos(1_700_000_000L, 500);
  private static final OutputLayout LAYOUT = new OutputLayout("/buffer", "skip", "skip-unknown-shard");
  private static final SchemaMapping MAPPING = TestMappings.orders();

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

  private static ShardAssigner assigner(FakeRowLookup lookup, RowNeed need) {
    ShardRouter router = ShardRouter.withDefaultFetcher(MAPPING, Set.of("a", "b"));
    return new ShardAssigner(router, MAPPING, new RowImages(router, MAPPING, need, lookup), LAYOUT);
  }

  private static ShardAssigner.Assignment one(List<ShardAssigner.Assignment> assignments) {
    assertEquals(1, assignments.size(), assignments.toString());
    return assignments.get(0);
  }

  @Test
  void shouldRouteInsertByTheShardIdColumnOfItsNewValuesWithoutReading() {
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), false);
    ShardAssigner.Assignment assignment = one(
        assigner(lookup, RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.INSERT, "{\"id\":\"1\"}", "{}",
                "{\"shard\":\"b\",\"amount\":\"5\"}").build()));

    assertEquals("b", assignment.directory());
    assertEquals("b", assignment.record().shard());
    assertEquals(Outcome.ROUTED, assignment.outcome());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldRouteDeleteToShardOfOldRowWhenNoNewValues() {
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), false);
    ShardAssigner.Assignment assignment = one(
        assigner(lookup, RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.DELETE, "{\"id\":\"1\"}",
                "{\"shard\":\"a\",\"amount\":\"5\"}", "{}").build()));

    assertEquals("a", assignment.directory());
    assertFalse(assignment.readFromSpanner());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldReadTheDeletedRowOneMicrosecondBeforeTheDeleteWhenNoOldValuesAreCaptured() {
    FakeRowLookup lookup = new FakeRowLookup(
        Map.of("{\"id\":\"1\"}", Map.of("id", 1L, "shard", "b", "amount", 5L)), false);
    ShardAssigner.Assignment assignment = one(
        assigner(lookup, RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.DELETE, "{\"id\":\"1\"}", "{}", "{}").build()));

    assertEquals("b", assignment.directory());
    assertTrue(assignment.readFromSpanner());
    assertEquals(
        List.of("Orders{\"id\":\"1\"}@" + Timestamp.ofTimeSecondsAndNanos(1_699_999_999L, 999_999_500)),
        lookup.reads);
  }

  @Test
  void shouldSendRecordsOfUnmappedTablesToTheSkipDirectoryWithoutReading() {
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), false);
    ShardAssigner.Assignment assignment = one(
        assigner(lookup, RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.DELETE, "{\"id\":\"1\"}", "{}", "{}").tableName("Audit").build()));

    assertEquals("skip", assignment.directory());
    assertEquals(Outcome.UNKNOWN_TABLE, assignment.outcome());
    assertNull(assignment.record().shard());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldKeepAnUnknownShardIdInTheRecordAndUseTheUnknownShardDirectory() {
    ShardAssigner.Assignment assignment = one(
        assigner(new FakeRowLookup(Map.of(), false), RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.INSERT, "{\"id\":\"1\"}", "{}", "{\"shard\":\"zz\"}").build()));

    assertEquals("skip-unknown-shard", assignment.directory());
    assertEquals("zz", assignment.record().shard());
    assertEquals(Outcome.UNKNOWN_SHARD, assignment.outcome());
  }

  @Test
  void shouldSendARecordWhoseRowCannotBeReadToTheUnknownShardDirectory() {
    ShardAssigner.Assignment assignment = one(
        assigner(new FakeRowLookup(Map.of(), true), RowNeed.SHARD_ID_COLUMN)
            .assign(order(ModType.DELETE, "{\"id\":\"1\"}", "{}", "{}").build()));

    assertEquals("skip-unknown-shard", assignment.directory());
    assertNull(assignment.record().shard());
    assertTrue(assignment.lookupFailed());
  }

  @Test
  void shouldReadInsertedRowAtCommitTimeWhenAFullRowIsNeededAndValuesAreMissing() {
    FakeRowLookup lookup = new FakeRowLookup(
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
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), true);
    ShardRouter router = ShardRouter.withDefaultFetcher(MAPPING, Set.of("only"));
    ShardAssigner assigner =
        new ShardAssigner(router, MAPPING, new RowImages(router, MAPPING, RowNeed.NONE, null), LAYOUT);

    ShardAssigner.Assignment assignment = one(
        assigner.assign(order(ModType.DELETE, "{\"id\":\"1\"}", "{}", "{}").build()));

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
