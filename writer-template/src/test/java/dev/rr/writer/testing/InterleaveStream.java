package dev.rr.writer.testing;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A change stream over the interleave fixture's tables (parent1 / child11 with a MySQL foreign
 * key, parent2 / child21 interleaved in Spanner, child21's Spanner column {@code id} mapped to
 * MySQL {@code parent_id}), generated from a seed together with the Spanner state it leads to.
 *
 * <p>Every transaction leaves the Spanner tables consistent, but inside a transaction the records
 * come in orders MySQL's immediate foreign-key checks refuse when applied one by one: children
 * inserted before their parent, a parent deleted before its children, a parent deleted before
 * the child that pointed to it is moved, a parent deleted and inserted again.
 */
public final class InterleaveStream {
  /** The four tables in MySQL, by name: key -> "parent|update_ts" (children) or "update_ts". */
  private final Map<String, Map<Long, String>> state = new TreeMap<>();
  private final List<ChangeRecord> records = new ArrayList<>();
  private final Random random;
  private final String shard;
  private long nextId = 1;
  private Instant clock;
  private int transactionNumber;
  private List<ChangeRecord> transaction;

  private InterleaveStream(long seed, String shard, Instant start) {
    this.random = new Random(seed);
    this.shard = shard;
    this.clock = start;
    for (String table : List.of("parent1", "child11", "parent2", "child21")) {
      state.put(table, new TreeMap<>());
    }
  }

  /**
   * {@code transactions} transactions from {@code start}, about {@code spacing} apart, with an
   * occasional long pause (so that some windows stay empty).
   */
  public static InterleaveStream generate(
      long seed, String shard, Instant start, Duration spacing, int transactions) {
    InterleaveStream stream = new InterleaveStream(seed, shard, start);
    for (int i = 0; i < transactions; i++) {
      stream.clock = stream.clock.plus(spacing).plusMillis(stream.random.nextInt(50));
      if (stream.random.nextInt(20) == 0) {
        stream.clock = stream.clock.plusSeconds(25);
      }
      stream.transaction();
    }
    return stream;
  }

  /** Every record, in commit order. */
  public List<ChangeRecord> records() {
    return List.copyOf(records);
  }

  /** The MySQL state the stream leads to: table -> key -> columns. */
  public Map<String, Map<Long, String>> expectedState() {
    Map<String, Map<Long, String>> copy = new TreeMap<>();
    state.forEach((table, rows) -> copy.put(table, new TreeMap<>(rows)));
    return copy;
  }

  /** The same view of a MySQL database. */
  public static Map<String, Map<Long, String>> actualState(Connection connection)
      throws SQLException {
    return actualState(connection, "DATE_FORMAT(update_ts, '%Y-%m-%dT%H:%i:%sZ')");
  }

  /** The same view of a PostgreSQL database. */
  public static Map<String, Map<Long, String>> actualPostgresState(Connection connection)
      throws SQLException {
    return actualState(connection, "to_char(update_ts, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
  }

  /** The state, {@code updateTsText} printing {@code update_ts} as {@code yyyy-mm-ddThh:mm:ssZ}. */
  private static Map<String, Map<Long, String>> actualState(
      Connection connection, String updateTsText) throws SQLException {
    Map<String, Map<Long, String>> actual = new TreeMap<>();
    try (Statement statement = connection.createStatement()) {
      for (String table : List.of("parent1", "parent2")) {
        Map<Long, String> rows = new TreeMap<>();
        try (ResultSet rs = statement.executeQuery(
            "SELECT id, " + updateTsText + " FROM " + table)) {
          while (rs.next()) {
            rows.put(rs.getLong(1), rs.getString(2));
          }
        }
        actual.put(table, rows);
      }
      for (String table : List.of("child11", "child21")) {
        Map<Long, String> rows = new TreeMap<>();
        try (ResultSet rs = statement.executeQuery("SELECT child_id, parent_id, "
            + updateTsText + " FROM " + table)) {
          while (rs.next()) {
            rows.put(rs.getLong(1), rs.getLong(2) + "|" + rs.getString(3));
          }
        }
        actual.put(table, rows);
      }
    }
    return actual;
  }

  private void transaction() {
    transaction = new ArrayList<>();
    transactionNumber++;
    int operations = 1 + random.nextInt(3);
    for (int i = 0; i < operations; i++) {
      operation();
    }
    if (transaction.isEmpty()) {
      insertParentWithChildren("parent1", "child11");
    }
    Timestamp commit = Timestamp.ofTimeSecondsAndNanos(clock.getEpochSecond(), clock.getNano());
    String id = shard + "-tx" + transactionNumber;
    for (int i = 0; i < transaction.size(); i++) {
      ChangeRecord r = transaction.get(i);
      records.add(ChangeRecord.builder()
          .commitTimestamp(commit)
          .serverTransactionId(id)
          .recordSequence(String.format("%08d", i))
          .tableName(r.tableName())
          .modType(r.modType())
          .keysJson(r.keysJson())
          .newValuesJson(r.newValuesJson())
          .numberOfRecordsInTransaction(transaction.size())
          .shard(shard)
          .build());
    }
  }

  private void operation() {
    boolean first = random.nextBoolean();
    String parent = first ? "parent1" : "parent2";
    String child = first ? "child11" : "child21";
    switch (random.nextInt(8)) {
      case 0, 1 -> insertParentWithChildren(parent, child);
      case 2 -> updateParent(parent);
      case 3 -> updateChild(child, parent);
      case 4 -> deleteParentWithChildren(parent, child);
      case 5 -> deleteChild(child);
      case 6 -> replaceChildlessParent(parent, child);
      default -> moveChildThenDeleteOldParent();
    }
  }

  private void insertParentWithChildren(String parent, String child) {
    long id = nextId++;
    List<ChangeRecord> mods = new ArrayList<>();
    mods.add(upsert(parent, ModType.INSERT, id, null));
    for (int i = random.nextInt(3); i > 0; i--) {
      mods.add(upsert(child, ModType.INSERT, nextId++, id));
    }
    // Spanner checks the foreign key at commit: children may come first.
    if (random.nextBoolean()) {
      java.util.Collections.reverse(mods);
    }
    transaction.addAll(mods);
  }

  private void updateParent(String parent) {
    Long id = pick(parent);
    if (id != null) {
      transaction.add(upsert(parent, ModType.UPDATE, id, null));
    }
  }

  private void updateChild(String child, String parent) {
    Long id = pick(child);
    if (id == null) {
      return;
    }
    long parentId = parentOf(child, id);
    if (child.equals("child11") && random.nextBoolean()) {
      Long other = pick(parent);
      parentId = other == null ? parentId : other;
    }
    transaction.add(upsert(child, ModType.UPDATE, id, parentId));
  }

  private void deleteParentWithChildren(String parent, String child) {
    Long id = pick(parent);
    if (id == null) {
      return;
    }
    // The parent's record first, its children's after: MySQL needs the reverse.
    transaction.add(delete(parent, id, null));
    for (Long childId : childrenOf(child, id)) {
      transaction.add(delete(child, childId, id));
    }
  }

  private void deleteChild(String child) {
    Long id = pick(child);
    if (id != null) {
      transaction.add(delete(child, id, parentOf(child, id)));
    }
  }

  private void replaceChildlessParent(String parent, String child) {
    Long id = pick(parent);
    if (id != null && childrenOf(child, id).isEmpty()) {
      transaction.add(delete(parent, id, null));
      transaction.add(upsert(parent, ModType.INSERT, id, null));
    }
  }

  private void moveChildThenDeleteOldParent() {
    Long childId = pick("child11");
    if (childId == null) {
      return;
    }
    long oldParent = parentOf("child11", childId);
    long newParent = nextId++;
    if (childrenOf("child11", oldParent).size() != 1) {
      return;
    }
    // Old parent deleted before the child moves away from it: valid only at commit.
    transaction.add(upsert("parent1", ModType.INSERT, newParent, null));
    transaction.add(delete("parent1", oldParent, null));
    transaction.add(upsert("child11", ModType.UPDATE, childId, newParent));
  }

  private ChangeRecord upsert(String table, ModType type, long id, Long parent) {
    String updateTs = clock.plusSeconds(random.nextInt(1000)).toString().replaceAll("\\.\\d+", "");
    String keys;
    String values;
    switch (table) {
      case "child11" -> {
        keys = "{\"child_id\":\"" + id + "\"}";
        values = "{\"parent_id\":\"" + parent + "\",\"update_ts\":\"" + updateTs
            + "\",\"in_ts\":null}";
      }
      case "child21" -> {
        keys = "{\"id\":\"" + parent + "\",\"child_id\":\"" + id + "\"}";
        values = "{\"update_ts\":\"" + updateTs + "\",\"in_ts\":null}";
      }
      default -> {
        keys = "{\"id\":\"" + id + "\"}";
        values = "{\"update_ts\":\"" + updateTs + "\",\"in_ts\":null}";
      }
    }
    state.get(table).put(id, parent == null ? updateTs : parent + "|" + updateTs);
    return mod(table, type, keys, values);
  }

  private ChangeRecord delete(String table, long id, Long parent) {
    String keys = switch (table) {
      case "child11" -> "{\"child_id\":\"" + id + "\"}";
      case "child21" -> "{\"id\":\"" + parent + "\",\"child_id\":\"" + id + "\"}";
      default -> "{\"id\":\"" + id + "\"}";
    };
    state.get(table).remove(id);
    return mod(table, ModType.DELETE, keys, "{}");
  }

  private ChangeRecord mod(String table, ModType type, String keys, String values) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.MIN_VALUE)
        .serverTransactionId("")
        .tableName(table)
        .modType(type)
        .keysJson(keys)
        .newValuesJson(values)
        .build();
  }

  private Long pick(String table) {
    List<Long> keys = new ArrayList<>(state.get(table).keySet());
    return keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
  }

  private long parentOf(String child, long id) {
    return Long.parseLong(state.get(child).get(id).split("\\|")[0]);
  }

  private List<Long> childrenOf(String child, long parent) {
    List<Long> children = new ArrayList<>();
    state.get(child).forEach((id, value) -> {
      if (value.startsWith(parent + "|")) {
        children.add(id);
      }
    });
    return children;
  }
}
