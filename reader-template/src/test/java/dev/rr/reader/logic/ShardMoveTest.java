package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.gson.JsonParser;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.routing.RouteResult.Outcome;
import dev.rr.common.routing.ShardIdFetcher;
import dev.rr.common.routing.ShardIdResponse;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.SchemaMapping;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Updates that change a row's shard: each value capture type, a custom fetcher, failed reads. */
class ShardMoveTest {
  private static final Timestamp COMMIT = Timestamp.ofTimeSecondsAndNanos(1_700_000_000L, 500);
  private static final Timestamp BEFORE = RowImages.justBefore(COMMIT);
  private static final OutputLayout LAYOUT = new OutputLayout("/buffer", "skip", "skip-unknown-shard");
  private static final SchemaMapping MAPPING = TestMappings.orders();
  private static final String KEY = "{\"id\":\"1\"}";

  private static ChangeRecord update(String keys, String oldValues, String newValues) {
    return ChangeRecord.builder().commitTimestamp(COMMIT).serverTransactionId("7")
        .recordSequence("00000003").modIndex(2).tableName("Orders").modType(ModType.UPDATE)
        .keysJson(keys).oldValuesJson(oldValues).newValuesJson(newValues)
        .numberOfRecordsInTransaction(4).build();
  }

  private static List<ShardAssigner.Assignment> assign(FakeRowLookup lookup, ChangeRecord record) {
    ShardRouter router = ShardRouter.withDefaultFetcher(MAPPING, Set.of("a", "b"));
    return new ShardAssigner(router, MAPPING,
        new RowImages(router, MAPPING, RowNeed.SHARD_ID_COLUMN, lookup), LAYOUT).assign(record);
  }

  private static void assertJson(String expected, String actual) {
    assertEquals(JsonParser.parseString(expected), JsonParser.parseString(actual), actual);
  }

  /** The old shard gets a DELETE, the new one an INSERT, both in the update's place. */
  private static void assertMove(List<ShardAssigner.Assignment> assignments, String from, String to,
      String oldRow, String newRow) {
    assertEquals(2, assignments.size(), assignments.toString());
    ChangeRecord leaving = assignments.get(0).record();
    ChangeRecord arriving = assignments.get(1).record();
    assertEquals(List.of(from, to), assignments.stream().map(ShardAssigner.Assignment::directory).toList());
    assertEquals(ModType.DELETE, leaving.modType());
    assertEquals(ModType.INSERT, arriving.modType());
    assertJson(oldRow, leaving.oldValuesJson());
    assertJson(newRow, arriving.newValuesJson());
    for (ChangeRecord moved : List.of(leaving, arriving)) {
      assertEquals(List.of(COMMIT, "7", "00000003", 2, KEY, 4L), List.of(moved.commitTimestamp(),
          moved.serverTransactionId(), moved.recordSequence(), moved.modIndex(), moved.keysJson(),
          moved.numberOfRecordsInTransaction()));
    }
  }

  @Test
  void shouldMoveARowByItsCapturedOldShardIdWithoutReadingUnderNewRowAndOldValues() {
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), true);

    List<ShardAssigner.Assignment> assignments = assign(lookup,
        update(KEY, "{\"shard\":\"a\"}", "{\"shard\":\"b\",\"amount\":\"5\"}"));

    assertMove(assignments, "a", "b", "{\"shard\":\"a\",\"amount\":\"5\"}",
        "{\"shard\":\"b\",\"amount\":\"5\"}");
    assertEquals(List.of("a", "b"), assignments.stream().map(a -> a.record().shard()).toList());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldReadTheRowJustBeforeAnUpdateWithoutOldValuesToFindItsOldShardUnderNewRow() {
    FakeRowLookup lookup = new FakeRowLookup(
        Map.of(KEY + "@" + BEFORE, Map.of("id", 1L, "shard", "a", "amount", 4L)), false);

    List<ShardAssigner.Assignment> assignments = assign(lookup,
        update(KEY, "{}", "{\"shard\":\"b\",\"amount\":\"5\"}"));

    assertMove(assignments, "a", "b", "{\"shard\":\"a\",\"amount\":\"4\"}",
        "{\"shard\":\"b\",\"amount\":\"5\"}");
    assertEquals(List.of("Orders" + KEY + "@" + BEFORE), lookup.reads);
    assertEquals(1, assignments.get(0).rowLookups());
  }

  @Test
  void shouldKeepAnUpdateWhoseRowStayedOnItsShardAsOneRecordAfterReadingTheOldRow() {
    FakeRowLookup lookup = new FakeRowLookup(
        Map.of(KEY, Map.of("id", 1L, "shard", "b", "amount", 4L)), false);
    ChangeRecord record = update(KEY, "{}", "{\"shard\":\"b\",\"amount\":\"5\"}");

    List<ShardAssigner.Assignment> assignments = assign(lookup, record);

    assertEquals(1, assignments.size());
    assertEquals(record.withShard("b"), assignments.get(0).record());
    assertEquals(1, assignments.get(0).rowLookups());
  }

  @Test
  void shouldNotReadBeforeAnUpdateWhoseCapturedOldValuesLeaveTheShardIdUnchanged() {
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), true);

    List<ShardAssigner.Assignment> assignments = assign(lookup,
        update(KEY, "{\"amount\":\"4\"}", "{\"shard\":\"b\",\"amount\":\"5\"}"));

    assertEquals(List.of("b"), assignments.stream().map(ShardAssigner.Assignment::directory).toList());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldNotReadBeforeAnUpdateWhenTheShardIdColumnIsPartOfTheKey() {
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), true);

    List<ShardAssigner.Assignment> assignments = assign(lookup,
        update("{\"id\":\"1\",\"shard\":\"a\"}", "{}", "{\"amount\":\"5\"}"));

    assertEquals(List.of("a"), assignments.stream().map(ShardAssigner.Assignment::directory).toList());
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldReadTheWholeNewRowAtCommitWhenAMovedUpdateCarriesOnlyItsChangedColumns() {
    // OLD_AND_NEW_VALUES: old and new values of the changed columns only.
    FakeRowLookup lookup = new FakeRowLookup(
        Map.of(KEY + "@" + COMMIT, Map.of("id", 1L, "shard", "b", "amount", 5L)), false);

    List<ShardAssigner.Assignment> assignments =
        assign(lookup, update(KEY, "{\"shard\":\"a\"}", "{\"shard\":\"b\"}"));

    assertMove(assignments, "a", "b", "{\"shard\":\"a\",\"amount\":\"5\"}",
        "{\"shard\":\"b\",\"amount\":\"5\"}");
    assertEquals(List.of("Orders" + KEY + "@" + COMMIT), lookup.reads);
  }

  @Test
  void shouldSendTheDeleteOfARowLeavingAnUnknownShardToTheUnknownShardDirectory() {
    List<ShardAssigner.Assignment> assignments = assign(new FakeRowLookup(Map.of(), true),
        update(KEY, "{\"shard\":\"zz\"}", "{\"shard\":\"b\",\"amount\":\"5\"}"));

    assertMove(assignments, "skip-unknown-shard", "b", "{\"shard\":\"zz\",\"amount\":\"5\"}",
        "{\"shard\":\"b\",\"amount\":\"5\"}");
    assertEquals(Outcome.UNKNOWN_SHARD, assignments.get(0).outcome());
    assertEquals("zz", assignments.get(0).record().shard());
  }

  @Test
  void shouldKeepAnUpdateWhoseOldRowCannotBeReadInTheUnknownShardDirectory() {
    ChangeRecord record = update(KEY, "{}", "{\"shard\":\"b\",\"amount\":\"5\"}");

    List<ShardAssigner.Assignment> assignments = assign(new FakeRowLookup(Map.of(), true), record);

    assertEquals(1, assignments.size());
    assertEquals("skip-unknown-shard", assignments.get(0).directory());
    assertEquals(record, assignments.get(0).record());
    assertTrue(assignments.get(0).lookupFailed());
  }

  @Test
  void shouldKeepAMovedUpdateWhoseNewRowCannotBeReadInTheUnknownShardDirectory() {
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), false);

    List<ShardAssigner.Assignment> assignments =
        assign(lookup, update(KEY, "{\"shard\":\"a\"}", "{\"shard\":\"b\"}"));

    assertEquals(List.of("skip-unknown-shard"),
        assignments.stream().map(ShardAssigner.Assignment::directory).toList());
    assertTrue(assignments.get(0).lookupFailed());
  }

  @Test
  void shouldAskACustomFetcherForTheOldRowToo() {
    // Routes by amount: a row moves when its amount crosses 10, though no shard column changed.
    ShardIdFetcher byAmount = request -> new ShardIdResponse(
        ((Long) request.row().get("amount")) < 10 ? "a" : "b");
    ShardRouter router = new ShardRouter(MAPPING, Set.of("a", "b"), byAmount);
    FakeRowLookup lookup = new FakeRowLookup(Map.of(), true);
    ShardAssigner assigner = new ShardAssigner(router, MAPPING,
        new RowImages(router, MAPPING, RowNeed.FULL_ROW, lookup), LAYOUT);

    List<ShardAssigner.Assignment> assignments = assigner.assign(
        update(KEY, "{\"amount\":\"4\"}", "{\"shard\":\"s\",\"amount\":\"12\"}"));

    assertMove(assignments, "a", "b", "{\"shard\":\"s\",\"amount\":\"4\"}",
        "{\"shard\":\"s\",\"amount\":\"12\"}");
    assertEquals(List.of(), lookup.reads);
  }

  @Test
  void shouldNeverMoveARowBetweenShardsWhenThereIsOnlyOne() {
    ShardRouter router = ShardRouter.withDefaultFetcher(MAPPING, Set.of("only"));
    ShardAssigner assigner = new ShardAssigner(
        router, MAPPING, new RowImages(router, MAPPING, RowNeed.NONE, null), LAYOUT);

    List<ShardAssigner.Assignment> assignments =
        assigner.assign(update(KEY, "{\"shard\":\"a\"}", "{\"shard\":\"b\"}"));

    assertEquals(List.of("only"), assignments.stream().map(ShardAssigner.Assignment::directory).toList());
  }
}
