package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.FixedSchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedGroupTest {
  private static final MySqlDialect DIALECT = new MySqlDialect();
  private static final TableMapping ITEMS = new TableMapping("Items", "items", List.of(
      new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("bigint")),
      new ColumnMapping("v", SpannerType.of("STRING"), "v", SourceType.of("varchar", 20L))),
      List.of("id"), null);
  private static final ChangeMapper MAPPER =
      new ChangeMapper(new FixedSchemaMapping(List.of(ITEMS)) {}, DIALECT, null, "s1");
  private static final BatchWriter WRITER =
      new BatchWriter(new BatchStatements(DIALECT, 1000), new BatchStatements(DIALECT, 1));

  /** A transaction committed at {@code second} writing {@code v = 'x<key>-<second>'} to each key. */
  private static PreparedTransaction transaction(int second, String... keys) {
    List<ChangeRecord> records = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      records.add(ChangeRecord.builder()
          .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(second, 0))
          .serverTransactionId("t" + second).modIndex(i).tableName("Items")
          .modType(ModType.UPDATE)
          .keysJson(keys[i].isEmpty() ? "{}" : "{\"id\":\"" + keys[i] + "\"}")
          .newValuesJson("{\"v\":\"x" + keys[i] + "-" + second + "\"}").build());
    }
    SpannerTransaction transaction =
        new SpannerTransaction(records.get(0).commitTimestamp(), "t" + second, records);
    return PreparedTransaction.map(transaction, MAPPER, SourceConstraints.none());
  }

  private static List<PreparedGroup> groups(Iterator<PreparedTransaction> source, int batchSize) {
    Iterator<PreparedGroup> groups =
        PreparedGroup.grouping(source, batchSize, SourceConstraints.none(), WRITER);
    List<PreparedGroup> all = new ArrayList<>();
    groups.forEachRemaining(all::add);
    return all;
  }

  @Test
  void shouldCutWholeTransactionsIntoGroupsOfAtLeastABatchAndBuildEachOnesStatements() {
    List<PreparedGroup> groups = groups(List.of(transaction(1, "1", "2"),
        transaction(2, "2", "3"), transaction(3, "4", "5"), transaction(4, "6")).iterator(), 3);

    assertEquals(2, groups.size());
    assertEquals(List.of(2, 2), groups.get(0).transactions().stream()
        .map(PreparedTransaction::size).toList());
    assertEquals(List.of(2, 1), groups.get(1).transactions().stream()
        .map(PreparedTransaction::size).toList());
    PreparedGroup first = groups.get(0);
    assertEquals(4, first.written());
    assertEquals(3, first.plan().batch().rows(), "key 2's two changes merged into the later one");
    List<BatchStatements.Statement> upserts = first.plan().writes().get(0).upserts();
    assertEquals(1, upserts.size());
    assertEquals("INSERT INTO `items` (`id`, `v`) VALUES (1, 'x1-1'), (2, 'x2-2'), (3, 'x3-2')"
        + " ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)", upserts.get(0).inlined());
  }

  @Test
  void shouldLeaveAGroupWithARecordThatCannotBeMappedToTheApplyingThread() {
    List<PreparedGroup> groups =
        groups(List.of(transaction(1, "1"), transaction(2, "")).iterator(), 10);

    assertEquals(1, groups.size());
    assertNotNull(groups.get(0).transactions().get(1).failure());
    assertNull(groups.get(0).plan());
    assertNull(groups.get(0).skipped());
  }

  @Test
  void shouldHandOverTheTransactionsReadBeforeAFailureAndThenTheFailure() {
    UncheckedIOException failure = new UncheckedIOException(new IOException("disk gone"));
    Iterator<PreparedTransaction> source = new Iterator<>() {
      private final Iterator<PreparedTransaction> read =
          List.of(transaction(1, "1"), transaction(2, "2")).iterator();

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public PreparedTransaction next() {
        if (read.hasNext()) {
          return read.next();
        }
        throw failure;
      }
    };
    Iterator<PreparedGroup> groups =
        PreparedGroup.grouping(source, 10, SourceConstraints.none(), WRITER);

    assertTrue(groups.hasNext());
    PreparedGroup group = groups.next();
    assertEquals(2, group.transactions().size());
    assertNotNull(group.plan());
    assertSame(failure, assertThrows(UncheckedIOException.class, groups::hasNext));
  }
}
