package dev.rr.launcher.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The keys of a table's live rows, with random pick and removal in constant time. */
final class LiveKeys {
  private final List<List<Long>> keys = new ArrayList<>();
  private final Map<List<Long>, Integer> positions = new HashMap<>();

  void add(List<Long> key) {
    if (positions.putIfAbsent(key, keys.size()) == null) {
      keys.add(key);
    }
  }

  void remove(List<Long> key) {
    Integer position = positions.remove(key);
    if (position == null) {
      return;
    }
    // Move the last key into the hole so removal stays O(1).
    List<Long> last = keys.remove(keys.size() - 1);
    if (position < keys.size()) {
      keys.set(position, last);
      positions.put(last, position);
    }
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  int size() {
    return keys.size();
  }

  List<Long> pick(Random random) {
    return keys.get(random.nextInt(keys.size()));
  }
}
