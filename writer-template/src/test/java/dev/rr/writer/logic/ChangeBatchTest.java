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
      SourceConstraints.of(Map.of("child", Set.of("parent")), Map.of());

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

  /** Deletes, then upserts: the order {@link BatchWriter} runs them in (no UNIQUE tables). */
  private static List<BatchStatements.Statement> statements(ChangeBatch batch) {
    BatchStatements statements = new BatchStatements(DIALECT, 1000);
    List<BatchStatements.Statement> all = new ArrayList<>(statements.deletes(batch));
    batch.tablesForUpserts().forEach(t -> all.addAll(statements.upserts(t)));
    return all;
  }

  private static List<String> sql(ChangeBatch batch) {
    return statements(batch).stream().map(s -> s.statement().sql()).toList();
  }

  @Test
  void shouldDeleteChildrenFirstThenWriteParentsFirstWhateverTheRecordOrder() {
    ChangeBatch batch =
        transaction(
            FK,
            change(CHILD, ModType.INSERT, "{\"id\":\"10\",\"parent_id\":\"1\",\"v\":\"c\"}"),
            change(PARENT, ModType.INSERT, "{\"id\":\"1\",\"v\":\"p\"}"),
            change(PARENT, ModType.DELETE, "{\"id\":\"2\"}"),
            change(CHILD, ModType.DELETE, "{\"id\":\"20\"}"));

    List<String> sql = sql(batch);

    assertEquals(4, sql.size());
    assertTrue(sql.get(0).startsWith("DELETE FROM `child`"), sql.get(0));
    assertTrue(sql.get(1).startsWith("DELETE FROM `parent`"), sql.get(1));
    assertTrue(sql.get(2).startsWith("INSERT INTO `parent`"), sql.get(2));
    assertTrue(sql.get(3).startsWith("INSERT INTO `child`"), sql.get(3));
  }

  @Test
  void shouldMergeLaterChangesOfARowIntoOneRow() {
    ChangeBatch batch = new ChangeBatch(SourceConstraints.none());
    batch.add(transaction(SourceConstraints.none(),
        change(PARENT, ModType.INSERT, "{\"id\":\"1\",\"v\":\"a\"}"),
        change(PARENT, ModType.INSERT, "{\"id\":\"2\",\"v\":\"a\"}")));
    batch.add(transaction(SourceConstraints.none(),
        change(PARENT, ModType.UPDATE, "{\"id\":\"1\",\"v\":\"b\"}"),
        change(PARENT, ModType.DELETE, "{\"id\":\"2\"}")));

    List<BatchStatements.Statement> statements = statements(batch);

    assertEquals(2, batch.rows());
    assertEquals(4, batch.records());
    assertEquals(2, batch.transactions());
    assertEquals(2, statements.size());
    assertEquals(List.of(2L), statements.get(0).statement().params());
    assertEquals(List.of(1L, "b"), statements.get(1).statement().params());
  }

  @Test
  void shouldDeleteARowBeforeReinsertingItWhenAnEarlierTransactionOfTheBatchDeletedIt() {
    ChangeBatch batch = new ChangeBatch(SourceConstraints.none());
    batch.add(transaction(SourceConstraints.none(),
        change(PARENT, ModType.DELETE, "{\"id\":\"1\"}")));
    batch.add(transaction(SourceConstraints.none(),
        change(PARENT, ModType.INSERT, "{\"id\":\"1\",\"v\":\"again\"}")));

    List<String> sql = sql(batch);

    assertEquals(1, batch.rows());
    assertEquals(2, sql.size());
    assertTrue(sql.get(0).startsWith("DELETE FROM `parent`"), sql.get(0));
    assertTrue(sql.get(1).startsWith("INSERT INTO `parent`"), sql.get(1));
  }

  @Test
  void shouldDeleteEveryKeyBeforeWritingAnyOtherKeyOfTheTable() {
    // 'a ' and 'a' may be one MySQL key (PAD SPACE collation): the delete must run first.
    ChangeBatch batch = new ChangeBatch(SourceConstraints.none());
    batch.add(transaction(SourceConstraints.none(),
        change(PARENT, ModType.DELETE, "{\"id\":\"1\"}")));
    batch.add(transaction(SourceConstraints.none(),
        change(PARENT, ModType.INSERT, "{\"id\":\"2\",\"v\":\"x\"}")));

    List<String> sql = sql(batch);

    assertTrue(sql.get(0).startsWith("DELETE FROM `parent`"), sql.get(0));
    assertTrue(sql.get(1).startsWith("INSERT INTO `parent`"), sql.get(1));
  }

  @Test
  void shouldSplitLargeBatchesIntoStatementsOfBoundedRows() {
    List<RowChange> changes = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      changes.add(change(PARENT, ModType.INSERT, "{\"id\":\"" + i + "\",\"v\":\"x\"}"));
    }
    ChangeBatch batch = ChangeBatch.ofTransaction(SourceConstraints.none(), changes, 25);

    List<BatchStatements.Statement> statements =
        new BatchStatements(DIALECT, 10).upserts(batch.tablesForUpserts().get(0));

    assertEquals(List.of(10, 10, 5), statements.stream().map(s -> s.rows().size()).toList());
  }

  @Test
  void shouldRankTablesByForeignKeyDepthWhateverTheCycles() {
    SourceConstraints constraints =
        SourceConstraints.of(
            Map.of("grandchild", Set.of("child"), "child", Set.of("parent"),
                "tree", Set.of("tree"), "a", Set.of("b"), "b", Set.of("a")),
            Map.of("Child", List.of(
                new SourceConstraints.StoredColumn("id", SourceConstraints.ValueKind.TEXT))));

    assertEquals(0, constraints.rank("parent"));
    assertEquals(1, constraints.rank("child"));
    assertEquals(2, constraints.rank("GrandChild"));
    assertEquals(0, constraints.rank("tree"));
    assertTrue(constraints.rank("a") + constraints.rank("b") == 1);
    assertTrue(constraints.uniqueTableColumns("child").isPresent());
    assertFalse(constraints.uniqueTableColumns("parent").isPresent());
  }
}
