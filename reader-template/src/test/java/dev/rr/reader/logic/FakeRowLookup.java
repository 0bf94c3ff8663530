package dev.rr.reader.logic;

import com.google.cloud.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers row reads from a fixed table and remembers what was asked. Rows are keyed by keys JSON,
 * or by {@code keysJson + "@" + timestamp} for a row as of one read timestamp only.
 */
final class FakeRowLookup implements RowLookup {
  final List<String> reads = new ArrayList<>();
  private final Map<String, Map<String, Object>> rows;
  private final boolean fail;

  FakeRowLookup(Map<String, Map<String, Object>> rows, boolean fail) {
    this.rows = rows;
    this.fail = fail;
  }

  @Override
  public Optional<Map<String, Object>> readRow(String table, String keysJson, Timestamp at) {
    reads.add(table + keysJson + "@" + at);
    if (fail) {
      throw new LookupFailedException("read timestamp too old", null);
    }
    Map<String, Object> asOf = rows.get(keysJson + "@" + at);
    return Optional.ofNullable(asOf != null ? asOf : rows.get(keysJson));
  }
}
