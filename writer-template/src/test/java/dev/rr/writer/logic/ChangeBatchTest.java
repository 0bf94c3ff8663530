package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeBatchTest {
  private static final MySqlDialect DIALECT = new MySqlDialect();
  private static final TableMapping PARENT = table("parent", "id");
  private static final TableMapping CHILD = table("child", "id", "parent_id");
  /** child references parent. */
  private static final SourceConstraints FK =
      SourceConstraints.of(Map.of("child", Set.of("parent")), Set.of(), Set.of());

  private static TableMapping table(String name, String... columns) {
    List<ColumnMapping> mappings = new ArrayList<>();
    for (String column : columns) {
      mappings.add(new ColumnMapping(column, SpannerType.of("INT64"), column, SourceType.of("int")));
    }
    mappings.add(
        new ColumnMapping("v", SpannerType.of("STRING"), "v", SourceType.of("varchar", 20L)));
    return new TableMapping(name, name, mappings, List.of(columns[0]), null);
  }

  private static int sequence;

  private static RowChange change(TableMapping table, ModType type, String json) {
    ChangeRecord record =
        ChangeRecord.builder()
            .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1000, 0))
            .serverTransactionId("tx")
            .modIndex(sequence++)
            .tableName(table.spannerName())
            .modType(type)
            .keysJson(json.replaceAll(",.*", "}"))
            .newValuesJson(type == ModType.DELETE ? "{}" : json)
            .build();
    return RowChange.of(DIALECT.map(record, table), record);
  }

  private static ChangeBatch transaction(SourceConstraints constraints, RowChange... changes) {
    return ChangeBatch.ofTransaction(constraints, List.of(changes), changes.length);
  }

  private static List<String> sql(ChangeBatch batch) {
    return new BatchStatements(DIALECT, 1000)
        .statements(batch).stream().map(s -> s.statement().sql()).toList();
  }

  @Test
  void shouldWriteParentsFirstAndDeleteChildrenFirstWhateverTheRecordOrder() {
    ChangeBatch batch =
        transaction(
            FK,
            change(CHILD, ModType.INSERT, "{\"id\":\"10\",\"parent_id\":\"1\",\"v\":\"c\"}"),
            change(PARENT, ModType.INSERT, "{\"id\":\"1\",\"v\":\"p\"}"),
            change(PARENT, ModType.DELETE, "{\"id\":\"2\"}"),
            change(CHILD, ModType.DELETE, "{\"id\":\"20\"}"));

    List<String> sql = sql(batch);

    assertEquals(4, sql.size());
    assertTrue(sql.get(0).startsWith("INSERT INTO `parent`"), sql.get(0));
    assertTrue(sql.get(1).startsWith("INSERT INTO `child`"), sql.get(1));
    assertTrue(sql.get(2).startsWith("DELETE FROM `child`"), sql.get(2));
    assertTrue(sql.get(3).startsWith("DELETE FROM `parent`"), sql.get(3));
  }

  @Test
  void shouldMergeLaterChangesOfARowIntoOneRow() {
    ChangeBatch batch = new ChangeBatch(SourceConstraints.none());
    batch.add(transaction(SourceConstraints.none(),
        change(PARENT, ModType.INSERT, "{\"id\":\"1\",\"v\":\"a\"}"),
        change(PARENT, ModType.INSERT, "{\"id\":\"2\",\"v\":\"a\"}")));
    ChangeBatch next = transaction(SourceConstraints.none(),
        change(PARENT, ModType.UPDATE, "{\"id\":\"1\",\"v\":\"b\"}"),
        change(PARENT, ModType.DELETE, "{\"id\":\"2\"}"));

    assertTrue(batch.accepts(next));
    batch.add(next);
    List<BatchStatements.Statement> statements =
        new BatchStatements(DIALECT, 1000).statements(batch);

    assertEquals(2, batch.rows());
    assertEquals(4, batch.records());
    assertEquals(2, statements.size());
    assertEquals(List.of(1L, "b"), statements.get(0).statement().params());
    assertEquals(List.of(2L), statements.get(1).statement().params());
  }

  @Test
  void shouldNotMergeAReinsertAfterADeleteFromAnEarlierTransaction() {
    ChangeBatch batch = new ChangeBatch(SourceConstraints.none());
    batch.add(transaction(SourceConstraints.none(),
        change(PARENT, ModType.DELETE, "{\"id\":\"1\"}")));

    assertFalse(batch.accepts(transaction(SourceConstraints.none(),
        change(PARENT, ModType.INSERT, "{\"id\":\"1\",\"v\":\"again\"}"))));
  }

  @Test
  void shouldDeleteBeforeReinsertingInsideOneTransaction() {
    ChangeBatch batch =
        transaction(
            FK,
            change(PARENT, ModType.DELETE, "{\"id\":\"1\"}"),
            change(PARENT, ModType.INSERT, "{\"id\":\"1\",\"v\":\"new\"}"),
            change(CHILD, ModType.DELETE, "{\"id\":\"10\"}"));

    List<String> sql = sql(batch);

    assertTrue(batch.deletesFirst());
    assertEquals(3, sql.size());
    assertTrue(sql.get(0).startsWith("DELETE FROM `child`"), sql.get(0));
    assertTrue(sql.get(1).startsWith("DELETE FROM `parent`"), sql.get(1));
    assertTrue(sql.get(2).startsWith("INSERT INTO `parent`"), sql.get(2));
    assertFalse(batch.accepts(transaction(FK,
        change(PARENT, ModType.INSERT, "{\"id\":\"5\",\"v\":\"x\"}"))),
        "a delete-first batch takes no further transaction");
  }

  @Test
  void shouldKeepUpsertsAfterDeletesOfOtherKeysOnlyWhereKeysCannotCollide() {
    SourceConstraints collated =
        SourceConstraints.of(Map.of(), Set.of(), Set.of("parent"));
    ChangeBatch safe = new ChangeBatch(SourceConstraints.none());
    safe.add(transaction(SourceConstraints.none(), change(PARENT, ModType.DELETE, "{\"id\":\"1\"}")));
    ChangeBatch unsafe = new ChangeBatch(collated);
    unsafe.add(transaction(collated, change(PARENT, ModType.DELETE, "{\"id\":\"1\"}")));

    assertTrue(safe.accepts(transaction(SourceConstraints.none(),
        change(PARENT, ModType.INSERT, "{\"id\":\"2\",\"v\":\"x\"}"))));
    assertFalse(unsafe.accepts(transaction(collated,
        change(PARENT, ModType.INSERT, "{\"id\":\"2\",\"v\":\"x\"}"))));
  }

  @Test
  void shouldNeverMergeRowsOfOrderedTablesAcrossTransactions() {
    SourceConstraints unique = SourceConstraints.of(Map.of(), Set.of("parent"), Set.of());
    ChangeBatch batch = new ChangeBatch(unique);
    batch.add(transaction(unique, change(PARENT, ModType.INSERT, "{\"id\":\"1\",\"v\":\"x\"}")));

    assertFalse(batch.accepts(transaction(unique,
        change(PARENT, ModType.UPDATE, "{\"id\":\"1\",\"v\":\"y\"}"))));
    assertTrue(batch.accepts(transaction(unique,
        change(PARENT, ModType.UPDATE, "{\"id\":\"2\",\"v\":\"y\"}"))));
  }

  @Test
  void shouldSplitLargeBatchesIntoStatementsOfBoundedRows() {
    List<RowChange> changes = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      changes.add(change(PARENT, ModType.INSERT, "{\"id\":\"" + i + "\",\"v\":\"x\"}"));
    }
    ChangeBatch batch = ChangeBatch.ofTransaction(SourceConstraints.none(), changes, 25);

    List<BatchStatements.Statement> statements = new BatchStatements(DIALECT, 10).statements(batch);

    assertEquals(List.of(10, 10, 5), statements.stream().map(s -> s.rows().size()).toList());
  }

  @Test
  void shouldRankTablesByForeignKeyDepthAndMarkCyclesOrdered() {
    SourceConstraints constraints =
        SourceConstraints.of(
            Map.of("grandchild", Set.of("child"), "child", Set.of("parent"),
                "tree", Set.of("tree")),
            Set.of(),
            Set.of());

    assertEquals(0, constraints.rank("parent"));
    assertEquals(1, constraints.rank("child"));
    assertEquals(2, constraints.rank("GrandChild"));
    assertTrue(constraints.isOrdered("tree"));
    assertFalse(constraints.isOrdered("child"));
    assertTrue(constraints.isReorderSafe("child"));
    assertFalse(constraints.isReorderSafe("tree"));
  }
}
