package dev.rr.launcher.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * What {@link RandomTransactions} knows it wrote: per shard, each live parent with its children
 * and each account's balance; the deleted parent ids (to insert again); the next fresh ids. Sorted
 * maps, so picks are reproducible for a seed and neighbouring keys are at hand.
 */
final class Model {
  /** The live rows of one shard. */
  static final class Shard {
    final NavigableMap<Long, List<Long>> parent1 = new TreeMap<>();
    final NavigableMap<Long, List<Long>> parent2 = new TreeMap<>();
    final NavigableMap<Long, Long> accounts = new TreeMap<>();
  }

  private final Map<String, Shard> shards = new HashMap<>();
  private final List<Long> deletedParent1 = new ArrayList<>();
  private final List<Long> deletedParent2 = new ArrayList<>();
  private long nextParent = 1;
  private long nextChild = 1;

  Model(List<String> shardIds) {
    shardIds.forEach(id -> shards.put(id, new Shard()));
  }

  Shard shard(String id) {
    return shards.get(id);
  }

  long nextParent() {
    return nextParent++;
  }

  long nextChild() {
    return nextChild++;
  }

  void deleted(boolean parent1, long id) {
    (parent1 ? deletedParent1 : deletedParent2).add(id);
  }

  /** A deleted parent id of the table, no longer deleted; null when there is none. */
  Long takeDeleted(boolean parent1, Random random) {
    List<Long> deleted = parent1 ? deletedParent1 : deletedParent2;
    return deleted.isEmpty() ? null : deleted.remove(random.nextInt(deleted.size()));
  }

  /** A random key of {@code rows}, null when empty. */
  static Long pick(NavigableMap<Long, ?> rows, Random random) {
    if (rows.isEmpty()) {
      return null;
    }
    List<Long> keys = new ArrayList<>(rows.keySet());
    return keys.get(random.nextInt(keys.size()));
  }

  /** Up to {@code count} consecutive keys of {@code rows} from a random one. */
  static List<Long> adjacent(NavigableMap<Long, ?> rows, Random random, int count) {
    Long from = pick(rows, random);
    if (from == null) {
      return List.of();
    }
    return rows.tailMap(from, true).keySet().stream().limit(count).toList();
  }
}
