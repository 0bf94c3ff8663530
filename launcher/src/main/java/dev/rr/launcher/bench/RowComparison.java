package dev.rr.launcher.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the rows found in one shard, table by table, with the expected ones, by key and value
 * digest; collects counts and the first few differences into a {@link Verification}.
 */
final class RowComparison {
  private static final int MAX_EXAMPLES = 5;

  private final String shard;
  private final ExpectedState expected;
  private final List<String> examples = new ArrayList<>();
  private long expectedRows;
  private long actualRows;
  private long missing;
  private long extra;
  private long different;
  private BenchTable table;
  private Map<String, Long> want = Map.of();
  private final Set<String> seen = new HashSet<>();

  RowComparison(String shard, ExpectedState expected) {
    this.shard = shard;
    this.expected = expected;
  }

  /** Starts comparing {@code next}'s rows; ends the table before it. */
  void table(BenchTable next) {
    endTable();
    table = next;
    want = expected.rows(shard, next.name());
    expectedRows += want.size();
  }

  /** One row found in the current table. */
  void found(Map<String, Object> row) {
    String key = RowValues.keyText(table, row);
    actualRows++;
    seen.add(key);
    Long digest = want.get(key);
    if (digest == null) {
      extra++;
      example(key, "extra");
    } else if (digest != RowValues.digest(table, row)) {
      different++;
      example(key, "different");
    }
  }

  /** The result; ends the current table. */
  Verification result() {
    endTable();
    return new Verification(shard, expectedRows, actualRows, missing, extra, different, examples);
  }

  private void endTable() {
    if (table == null) {
      return;
    }
    for (String key : want.keySet()) {
      if (!seen.contains(key)) {
        missing++;
        example(key, "missing");
      }
    }
    seen.clear();
    table = null;
  }

  private void example(String key, String what) {
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(table.name() + " " + String.join(",", table.primaryKey()) + "=" + key + ": "
          + what);
    }
  }
}
