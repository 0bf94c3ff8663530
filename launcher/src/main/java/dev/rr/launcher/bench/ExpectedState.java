package dev.rr.launcher.bench;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows every shard must hold after a workload has been applied: per shard and table, the
 * canonical key text of each live row and the digest of its values ({@link RowValues#digest}).
 * Holds digests rather than rows, so a large workload's expectation stays small and does not
 * distort the heap figures of the run it checks.
 */
public final class ExpectedState {
  private final Map<String, Map<String, Map<String, Long>>> rows = new TreeMap<>();

  /** Records that {@code shard}'s row {@code key} of {@code table} now has values {@code digest}. */
  void put(String shard, String table, String key, long digest) {
    tableRows(shard, table).put(key, digest);
  }

  /** Records that {@code shard}'s row {@code key} of {@code table} is deleted. */
  void remove(String shard, String table, String key) {
    tableRows(shard, table).remove(key);
  }

  /**
   * The rows of several workloads that wrote disjoint rows (see {@link MixedWorkload}'s id base):
   * their union.
   */
  public static ExpectedState union(java.util.List<ExpectedState> parts) {
    ExpectedState union = new ExpectedState();
    for (ExpectedState part : parts) {
      part.rows.forEach((shard, tables) -> tables.forEach(
          (table, rows) -> union.tableRows(shard, table).putAll(rows)));
    }
    return union;
  }

  /** The expected rows of {@code table} in {@code shard}: key text -> value digest. */
  public Map<String, Long> rows(String shard, String table) {
    Map<String, Map<String, Long>> tables = rows.get(shard);
    Map<String, Long> result = tables == null ? null : tables.get(table);
    return result == null ? Map.of() : Collections.unmodifiableMap(result);
  }

  /** Live rows in {@code shard}, all tables. */
  public long rowCount(String shard) {
    return rows.getOrDefault(shard, Map.of()).values().stream().mapToLong(Map::size).sum();
  }

  /** Live rows in all shards. */
  public long rowCount() {
    return rows.keySet().stream().mapToLong(this::rowCount).sum();
  }

  private Map<String, Long> tableRows(String shard, String table) {
    return rows.computeIfAbsent(shard, s -> new TreeMap<>())
        .computeIfAbsent(table, t -> new HashMap<>());
  }
}
