package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardComparisonTest {
  static VerifyRow row(String key, String value) {
    return new VerifyRow(List.of(key), List.of(key, value));
  }

  static RowSource source(VerifyRow... rows) {
    Deque<VerifyRow> queue = new ArrayDeque<>(List.of(rows));
    return new RowSource() {
      @Override
      public VerifyRow peek() {
        return queue.peek();
      }

      @Override
      public VerifyRow next() {
        return queue.poll();
      }
    };
  }

  static TableReport compare(List<VerifyRow> spanner, RowSource shard) throws SQLException {
    TableReport.Builder builder = new TableReport.Builder("t", "s1", List.of("id", "name"), 10);
    ShardComparison comparison = new ShardComparison(shard, builder);
    for (VerifyRow row : spanner) {
      comparison.acceptSpanner(row);
    }
    comparison.finish();
    return builder.build();
  }

  @Test
  void shouldMatchEqualRowsAndSumChecksumsAlike() throws SQLException {
    TableReport report = compare(List.of(row("1", "a"), row("2", "b"), row("10", "c")),
        source(row("1", "a"), row("2", "b"), row("10", "c")));

    assertTrue(report.equal());
    assertEquals(3, report.matched());
    assertEquals(report.spannerChecksum(), report.shardChecksum());
  }

  @Test
  void shouldListMissingExtraAndDifferentKeys() throws SQLException {
    TableReport report = compare(List.of(row("1", "a"), row("2", "b"), row("4", "d")),
        source(row("2", "B"), row("3", "c"), row("4", "d")));

    assertEquals(1, report.missing());
    assertEquals(1, report.extra());
    assertEquals(1, report.different());
    assertEquals(1, report.matched());
    assertTrue(report.examples().contains("missing (1)"), report.examples().toString());
    assertTrue(report.examples().contains("extra (3)"), report.examples().toString());
    assertTrue(report.examples().contains("different (2) name: spanner='b' shard='B'"),
        report.examples().toString());
  }

  @Test
  void shouldMatchRowsWhenDatabasesSortKeysDifferently() throws SQLException {
    // A case-insensitive collation puts 'a' before 'B'; Spanner sorts by code point.
    TableReport report = compare(List.of(row("B", "x"), row("a", "y")),
        source(row("a", "y"), row("B", "x")));

    assertTrue(report.equal(), report.examples().toString());
    assertEquals(2, report.matched());
  }

  @Test
  void shouldReportEveryRowMissingFromEmptyShard() throws SQLException {
    TableReport report = compare(List.of(row("1", "a"), row("2", "b")), source());

    assertEquals(2, report.missing());
    assertEquals(0, report.shardRows());
  }

  @Test
  void shouldOrderNumericKeysNumerically() {
    assertTrue(VerifyRow.KEY_ORDER.compare(List.of("9"), List.of("10")) < 0);
    assertTrue(VerifyRow.KEY_ORDER.compare(List.of("1", "b"), List.of("1", "a")) > 0);
    assertTrue(VerifyRow.KEY_ORDER.compare(List.of("-5"), List.of("abc")) < 0);
  }
}
