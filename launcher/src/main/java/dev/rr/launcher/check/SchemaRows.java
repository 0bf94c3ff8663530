package dev.rr.launcher.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * What {@link SchemaTransactions} knows it wrote to a {@link RandomSchema}: per table, each live
 * row by its full Spanner key (sorted, so picks are reproducible and neighbouring keys at hand)
 * with its shard and the values later transactions depend on (unique values, references); the
 * deleted root keys (to insert again); the next fresh ids.
 */
final class SchemaRows {
  /** A live row: its shard and the tracked column values, by Spanner column name. */
  static final class Row {
    String shard;
    final Map<String, Object> tracked = new HashMap<>();

    Row(String shard) {
      this.shard = shard;
    }
  }

  /** Orders keys part by part; parts are {@code Long} or {@code String}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private final Map<String, NavigableMap<List<Object>, Row>> rows = new LinkedHashMap<>();
  private final Map<String, List<List<Object>>> deleted = new HashMap<>();
  private final Map<String, Long> nextIds = new HashMap<>();
  private long nextUnique = 1;

  SchemaRows(RandomSchema schema) {
    schema.tables().forEach(t -> rows.put(t.spanner(), new TreeMap<>(KEY_ORDER)));
  }

  NavigableMap<List<Object>, Row> rows(String table) {
    return rows.get(table);
  }

  /** The keys of {@code table}'s rows on {@code shard}, in key order. */
  List<List<Object>> keysOn(String table, String shard) {
    List<List<Object>> keys = new ArrayList<>();
    rows.get(table).forEach((key, row) -> {
      if (row.shard.equals(shard)) {
        keys.add(key);
      }
    });
    return keys;
  }

  /** A random key of {@code table} on {@code shard}, null when it has none. */
  List<Object> pick(String table, String shard, Random random) {
    List<List<Object>> keys = keysOn(table, shard);
    return keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
  }

  /** The rows of {@code child} whose key starts with {@code parentKey}. */
  List<List<Object>> childrenOf(String child, List<Object> parentKey) {
    List<List<Object>> children = new ArrayList<>();
    for (List<Object> key : rows.get(child).tailMap(parentKey, true).keySet()) {
      if (!key.subList(0, parentKey.size()).equals(parentKey)) {
        break;
      }
      children.add(key);
    }
    return children;
  }

  long nextId(String table) {
    return nextIds.merge(table, 1L, Long::sum);
  }

  long nextUnique() {
    return nextUnique++;
  }

  void deleted(String table, List<Object> key) {
    deleted.computeIfAbsent(table, t -> new ArrayList<>()).add(key);
  }

  /** A deleted key of {@code table}, no longer deleted; null when there is none. */
  List<Object> takeDeleted(String table, Random random) {
    List<List<Object>> keys = deleted.getOrDefault(table, List.of());
    return keys.isEmpty() ? null : keys.remove(random.nextInt(keys.size()));
  }
}
