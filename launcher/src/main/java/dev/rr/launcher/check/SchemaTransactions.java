package dev.rr.launcher.check;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Value;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.launcher.check.RandomSchema.Column;
import dev.rr.launcher.check.RandomSchema.Kind;
import dev.rr.launcher.check.RandomSchema.Role;
import dev.rr.launcher.check.RandomSchema.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded random transactions over a {@link RandomSchema}: rows inserted with their interleaved
 * children, updates of 1-3 key-adjacent rows, unique values swapped between two rows or handed
 * from one row to a new one in one transaction, deletes (children explicitly or by cascade,
 * references to a deleted row cleared in the same transaction, or their rows deleted by Spanner
 * when the foreign key is {@code ON DELETE CASCADE}), deleted keys inserted again
 * (possibly on another shard), large transactions, in bursts with idle gaps, and optionally rows
 * moved to another shard. The seed fixes the sequence; the generator is the only writer of the
 * schema's rows, so its {@link SchemaRows} model is exact. Thread-safe: a fault may plant a value
 * between two transactions ({@link #plantRejectedValue}).
 */
public final class SchemaTransactions implements TransactionSource {
  /** A value planted on a shard: the table and the column MySQL rejected it in. */
  public record Planted(Table table, Column column, List<Object> key) {}

  private static final long MIN_MICROS = 86_400L * 366 * 1_000_000;
  private static final long MAX_MICROS = 2_000_000_000L * 1_000_000;

  private final DatabaseClient client;
  private final RandomSchema schema;
  private final List<String> shards;
  private final Random random;
  private final SpannerRetry retry;
  private final SchemaRows model;
  private final GeneratorStats stats = new GeneratorStats();
  private final long timestampMicros;
  private final boolean shardMoves;
  private final List<Table> roots;
  /** Root tables whose shard column is outside the key: their rows can move to another shard. */
  private final List<Table> movable;
  /** Tables with a unique secondary index: where unique values are swapped and handed over. */
  private final List<Table> uniques;
  /** Every commit, in order: when and for which shard it was drawn. */
  private final List<Commit> commits = new ArrayList<>();
  /** The shard the transaction being built was drawn for. */
  private String drawnShard;
  /** The column {@link #plantRejectedValue} fills with a value too long for MySQL, while it does. */
  private Column overflowing;

  public SchemaTransactions(DatabaseClient client, RandomSchema schema, List<String> shards,
      SpannerRetry retry, GeneratorConfig config) {
    this.client = client;
    this.schema = schema;
    this.shards = List.copyOf(shards);
    this.random = new Random(config.seed());
    this.retry = retry;
    this.model = new SchemaRows(schema);
    this.timestampMicros = config.timestampUnit().getDuration().toNanos() / 1000;
    this.shardMoves = config.shardMoves();
    this.roots = schema.tables().stream().filter(t -> t.parent() == null).toList();
    this.movable = roots.stream().filter(t -> !t.shardInKey()).toList();
    this.uniques = schema.tables().stream().filter(t -> t.unique().isPresent()).toList();
  }

  @Override
  public GeneratorStats stats() {
    return stats;
  }

  /** Runs transactions until {@code duration} has passed: bursts of 1-20, then a pause or an idle gap. */
  @Override
  public void run(Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      int burst = 1 + random.nextInt(random.nextInt(4) == 0 ? 20 : 3);
      for (int i = 0; i < burst && System.nanoTime() < end; i++) {
        step();
      }
      boolean idle = random.nextInt(12) == 0;
      stats.paused(idle);
      Thread.sleep(idle ? 500 + random.nextInt(2500) : 20 + random.nextInt(80));
    }
  }

  /** Commits {@code count} transactions without pauses. */
  public synchronized void runTransactions(int count) {
    for (int i = 0; i < count; i++) {
      step();
    }
  }

  /** The schema the generator writes to. */
  public RandomSchema schema() {
    return schema;
  }

  /** What the generator knows it wrote. */
  SchemaRows model() {
    return model;
  }

  /** A committed transaction: its commit timestamp and the shard it was drawn for. */
  public record Commit(Timestamp at, String shard) {}

  /** The transactions committed so far, in commit order. */
  public synchronized List<Commit> commits() {
    return List.copyOf(commits);
  }

  private synchronized void step() {
    commit(transaction());
  }

  /**
   * Inserts a row into {@code shard} whose string or bytes value is longer than MySQL's column
   * holds ({@value RandomSchema#TEXT_LENGTH}): an insert, so that no later transaction of the
   * generator can make the shard skip it. Empty when the schema has no such column in a table the
   * shard can take a row of now.
   */
  public Optional<Planted> plantRejectedValue(String shard) {
    return plantRejectedValue(shard, SourceType.MYSQL);
  }

  /**
   * As {@link #plantRejectedValue(String)} on shards of {@code target}: only in a column whose
   * kind {@code target} bounds ({@link Kind#rejectsOverflow}).
   */
  public synchronized Optional<Planted> plantRejectedValue(String shard, SourceType target) {
    for (Table table : schema.tables()) {
      Optional<Column> column = table.columns(Role.VALUE).stream()
          .filter(c -> c.kind().rejectsOverflow(target)).findFirst();
      List<Object> parentKey = table.parent() != null ? model.pick(table.parent(), shard, random)
          : table.shardInKey() ? List.of(shard) : List.of();
      if (column.isPresent() && parentKey != null) {
        List<Mutation> out = new ArrayList<>();
        overflowing = column.get();
        List<Object> key = insertRow(table, shard, parentKey, null, out);
        overflowing = null;
        drawnShard = shard;
        commit(out);
        return Optional.of(new Planted(table, column.get(), key));
      }
    }
    return Optional.empty();
  }

  /** The mutations of the next random transaction (never empty). */
  List<Mutation> transaction() {
    String shard = shards.get(random.nextInt(shards.size()));
    drawnShard = shard;
    Table table = schema.tables().get(random.nextInt(schema.tables().size()));
    int choice = random.nextInt(100);
    List<Mutation> out = new ArrayList<>();
    if (shardMoves && shards.size() > 1 && random.nextInt(12) == 0) {
      moveRow(shard, out);
    } else if (choice < 22) {
      insertFamily(roots.get(random.nextInt(roots.size())), shard, out);
    } else if (choice < 42) {
      updateAdjacent(table, shard, out);
    } else if (choice < 52) {
      swapUnique(withUnique(table), shard, out);
    } else if (choice < 60) {
      handOverUnique(withUnique(table), shard, out);
    } else if (choice < 74) {
      delete(table, shard, out);
    } else if (choice < 80) {
      reinsertDeleted(shard, out);
    } else if (choice < 84) {
      stats.large();
      int families = 15 + random.nextInt(30);
      for (int i = 0; i < families; i++) {
        insertFamily(roots.get(random.nextInt(roots.size())), shard, out);
      }
      updateAdjacent(table, shard, out);
    } else {
      insertUnderParent(table, shard, out);
    }
    if (out.isEmpty()) {
      drawnShard = shard;
      insertFamily(roots.get(random.nextInt(roots.size())), shard, out);
    }
    return out;
  }

  /** A new root row with 0-2 rows in each table interleaved in it (and theirs). */
  private void insertFamily(Table root, String shard, List<Mutation> out) {
    List<Object> key = new ArrayList<>();
    if (root.shardInKey()) {
      key.add(shard);
    }
    insertWithChildren(root, shard, key, out);
  }

  private void insertWithChildren(Table table, String shard, List<Object> parentKey, List<Mutation> out) {
    List<Object> key = insertRow(table, shard, parentKey, null, out);
    for (Table child : schema.children(table.spanner())) {
      int count = random.nextInt(3);
      for (int i = 0; i < count; i++) {
        insertWithChildren(child, shard, key, out);
      }
    }
  }

  /** A row of a child table under an existing parent row of the shard. */
  private void insertUnderParent(Table table, String shard, List<Mutation> out) {
    if (table.parent() == null) {
      insertFamily(table, shard, out);
      return;
    }
    List<Object> parent = model.pick(table.parent(), shard, random);
    if (parent != null) {
      insertRow(table, shard, parent, null, out);
    }
  }

  /**
   * Inserts a new row of {@code table} under {@code parentKey} (the shard alone, or nothing, for
   * a root), with the unique value {@code unique} or a fresh one; returns its key.
   */
  private List<Object> insertRow(Table table, String shard, List<Object> parentKey, Object unique,
      List<Mutation> out) {
    List<Object> key = new ArrayList<>(parentKey);
    long id = model.nextId(table.spanner());
    List<Column> own = table.columns(Role.KEY).subList(key.size() - (table.shardInKey() ? 1 : 0),
        table.columns(Role.KEY).size());
    for (int i = 0; i < own.size(); i++) {
      long part = i == 0 ? id : random.nextInt(3);
      key.add(own.get(i).kind() == Kind.INT ? (Object) part : text(part));
    }
    return writeRow(table, shard, key, unique, out);
  }

  private List<Object> writeRow(Table table, String shard, List<Object> key, Object unique, List<Mutation> out) {
    SchemaRows.Row row = new SchemaRows.Row(shard);
    Mutation.WriteBuilder insert = keyed(Mutation.newInsertBuilder(table.spanner()), table, key);
    for (Column column : table.columns()) {
      switch (column.role()) {
        case VALUE -> insert.set(column.spanner()).to(column == overflowing ? overflow(column) : randomValue(column));
        case UNIQUE -> {
          Object value = unique != null ? unique : freshUnique(column);
          row.tracked.put(column.spanner(), value);
          insert.set(column.spanner()).to(value(column.kind(), value));
        }
        case REFERENCE -> {
          Long target = reference(table, shard);
          row.tracked.put(column.spanner(), target);
          insert.set(column.spanner()).to(Value.int64(target));
        }
        case SHARD -> {
          if (!table.shardInKey()) {
            insert.set(column.spanner()).to(shard);
          }
        }
        default -> { }
      }
    }
    out.add(insert.build());
    model.rows(table.spanner()).put(key, row);
    stats.inserted(1);
    return key;
  }

  /** Updates up to three rows with neighbouring keys of one table of the shard. */
  private void updateAdjacent(Table table, String shard, List<Mutation> out) {
    List<List<Object>> keys = model.keysOn(table.spanner(), shard);
    if (keys.isEmpty()) {
      return;
    }
    int from = random.nextInt(keys.size());
    for (List<Object> key : keys.subList(from, Math.min(keys.size(), from + 1 + random.nextInt(3)))) {
      Mutation.WriteBuilder update = keyed(Mutation.newUpdateBuilder(table.spanner()), table, key);
      for (Column column : table.columns(Role.VALUE)) {
        if (random.nextInt(3) > 0) {
          update.set(column.spanner()).to(randomValue(column));
        }
      }
      Optional<Column> reference = table.reference();
      if (reference.isPresent() && random.nextInt(3) == 0) {
        Long target = reference(table, shard);
        update.set(reference.get().spanner()).to(Value.int64(target));
        model.rows(table.spanner()).get(key).tracked.put(reference.get().spanner(), target);
      }
      out.add(update.build());
      stats.updated(1);
    }
  }

  /** Two rows of the shard exchange their unique values in one transaction. */
  private void swapUnique(Table table, String shard, List<Mutation> out) {
    Optional<Column> unique = table.unique();
    List<List<Object>> keys = model.keysOn(table.spanner(), shard);
    for (String other : shards) {
      // A shard whose table has two rows to swap, when the drawn one has not.
      if (keys.size() < 2 && model.keysOn(table.spanner(), other).size() >= 2) {
        keys = model.keysOn(table.spanner(), other);
        drawnShard = other;
      }
    }
    if (unique.isEmpty() || keys.size() < 2) {
      return;
    }
    List<Object> a = keys.get(random.nextInt(keys.size()));
    List<Object> b = keys.get(random.nextInt(keys.size()));
    if (a.equals(b)) {
      return;
    }
    Object valueA = model.rows(table.spanner()).get(a).tracked.get(unique.get().spanner());
    Object valueB = model.rows(table.spanner()).get(b).tracked.get(unique.get().spanner());
    setUnique(table, unique.get(), a, valueB, out);
    setUnique(table, unique.get(), b, valueA, out);
  }

  /**
   * A row's unique value goes to a new row in the same transaction: the old row gets a fresh
   * value or is deleted.
   */
  private void handOverUnique(Table table, String shard, List<Mutation> out) {
    Optional<Column> unique = table.unique();
    List<Object> key = model.pick(table.spanner(), shard, random);
    if (unique.isEmpty() || key == null) {
      return;
    }
    Object value = model.rows(table.spanner()).get(key).tracked.get(unique.get().spanner());
    if (random.nextBoolean()) {
      setUnique(table, unique.get(), key, freshUnique(unique.get()), out);
    } else {
      deleteRow(table, key, out);
    }
    List<Object> parentKey = table.shardInKey() ? List.of(shard) : List.of();
    if (table.parent() != null) {
      parentKey = key.subList(0, schema.table(table.parent()).key().size());
      if (!model.rows(table.parent()).containsKey(parentKey)) {
        return;
      }
    }
    insertRow(table, shard, parentKey, value, out);
  }

  private void setUnique(Table table, Column unique, List<Object> key, Object value, List<Mutation> out) {
    out.add(keyed(Mutation.newUpdateBuilder(table.spanner()), table, key).set(unique.spanner())
        .to(value(unique.kind(), value)).build());
    model.rows(table.spanner()).get(key).tracked.put(unique.spanner(), value);
    stats.updated(1);
  }

  private void delete(Table table, String shard, List<Mutation> out) {
    List<Object> key = model.pick(table.spanner(), shard, random);
    if (key != null) {
      deleteRow(table, key, out);
    }
  }

  /**
   * Deletes a row and its interleaved descendants (explicitly or by cascade) and clears the
   * references to it; a root's key may be inserted again later.
   */
  private void deleteRow(Table table, List<Object> key, List<Mutation> out) {
    boolean explicit = random.nextBoolean();
    for (Table child : schema.children(table.spanner())) {
      for (List<Object> childKey : model.childrenOf(child.spanner(), key)) {
        if (explicit) {
          deleteRow(child, childKey, out);
        } else {
          forget(child, childKey);
        }
      }
    }
    out.add(Mutation.delete(table.spanner(), Key.of(key.toArray())));
    gone(table, key, out);
  }

  /**
   * A row is gone (deleted, or by a foreign key's cascade; its interleaved descendants already
   * forgotten): the model forgets it, the rows whose foreign key {@code ON DELETE CASCADE} points
   * to it go with it (Spanner deletes them, and theirs, at commit), and the other references to it
   * are cleared in the same transaction.
   */
  private void gone(Table table, List<Object> key, List<Mutation> out) {
    model.rows(table.spanner()).remove(key);
    if (table.parent() == null) {
      model.deleted(table.spanner(), key);
    }
    stats.deleted(1);
    for (Table referrer : schema.referrers(table.spanner())) {
      Column reference = referrer.reference().orElseThrow();
      // Listed first: a cascade removes rows of this very map (a self-reference).
      List<List<Object>> pointing = model.rows(referrer.spanner()).entrySet().stream()
          .filter(row -> key.get(0).equals(row.getValue().tracked.get(reference.spanner())))
          .map(Map.Entry::getKey).toList();
      for (List<Object> referrerKey : pointing) {
        SchemaRows.Row row = model.rows(referrer.spanner()).get(referrerKey);
        if (row == null) {
          continue; // already gone by this cascade (a reference cycle)
        }
        if (referrer.cascades()) {
          for (Table child : schema.children(referrer.spanner())) {
            model.childrenOf(child.spanner(), referrerKey).forEach(childKey -> forget(child, childKey));
          }
          gone(referrer, referrerKey, out);
        } else {
          row.tracked.put(reference.spanner(), null);
          out.add(keyed(Mutation.newUpdateBuilder(referrer.spanner()), referrer, referrerKey)
              .set(reference.spanner()).to(Value.int64(null)).build());
        }
      }
    }
  }

  /** Removes a row deleted by cascade, and its descendants, from the model. */
  private void forget(Table table, List<Object> key) {
    for (Table child : schema.children(table.spanner())) {
      model.childrenOf(child.spanner(), key).forEach(childKey -> forget(child, childKey));
    }
    model.rows(table.spanner()).remove(key);
    stats.deleted(1);
  }

  /** A deleted root key inserted again, on this shard unless the shard is part of the key. */
  private void reinsertDeleted(String shard, List<Mutation> out) {
    Table root = roots.get(random.nextInt(roots.size()));
    List<Object> key = model.takeDeleted(root.spanner(), random);
    if (key != null) {
      writeRow(root, root.shardInKey() ? (String) key.get(0) : shard, key, null, out);
    }
  }

  /**
   * A table with a unique index, when the schema has one: a few seconds of writes under load are
   * some fifty transactions, and a swap drawn on a table without one would do nothing.
   */
  private Table withUnique(Table table) {
    return uniques.isEmpty() || table.unique().isPresent()
        ? table : uniques.get(random.nextInt(uniques.size()));
  }

  /**
   * Moves a root row whose shard is not part of its key, with its descendants, to another shard;
   * the row is drawn from the movable tables that have one on {@code from}.
   */
  private void moveRow(String from, List<Mutation> out) {
    List<Table> candidates = movable.stream()
        .filter(t -> !model.keysOn(t.spanner(), from).isEmpty()).toList();
    if (candidates.isEmpty()) {
      return;
    }
    Table root = candidates.get(random.nextInt(candidates.size()));
    List<Object> key = model.pick(root.spanner(), from, random);
    List<String> others = shards.stream().filter(s -> !s.equals(from)).toList();
    move(root, key, others.get(random.nextInt(others.size())), out);
  }

  private void move(Table table, List<Object> key, String to, List<Mutation> out) {
    model.rows(table.spanner()).get(key).shard = to;
    out.add(keyed(Mutation.newUpdateBuilder(table.spanner()), table, key)
        .set(table.shardColumn().orElseThrow().spanner()).to(to).build());
    stats.moved(1);
    for (Table child : schema.children(table.spanner())) {
      model.childrenOf(child.spanner(), key).forEach(childKey -> move(child, childKey, to, out));
    }
  }

  /** An existing row of the shard in the table {@code table} references, or null. */
  private Long reference(Table table, String shard) {
    List<Object> target = random.nextInt(4) == 0 ? null : model.pick(table.references(), shard, random);
    return target == null ? null : (Long) target.get(0);
  }

  private Object freshUnique(Column column) {
    long next = model.nextUnique();
    return column.kind() == Kind.INT ? (Object) next : "U" + next;
  }

  private static Mutation.WriteBuilder keyed(Mutation.WriteBuilder builder, Table table, List<Object> key) {
    for (int i = 0; i < key.size(); i++) {
      Object part = key.get(i);
      builder.set(table.key().get(i)).to(part instanceof Long l ? Value.int64(l) : Value.string((String) part));
    }
    return builder;
  }

  /** A string key part: "key-N" in random letter case (distinct from others even ignoring case). */
  private String text(long id) {
    StringBuilder text = new StringBuilder();
    for (char c : "key".toCharArray()) {
      text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return text.append('-').append(id).toString();
  }

  private static Value overflow(Column column) {
    String text = "x".repeat(RandomSchema.TEXT_LENGTH + 36);
    return column.kind() == Kind.TEXT ? Value.string(text) : Value.bytes(ByteArray.copyFrom(text));
  }

  private Value randomValue(Column column) {
    boolean isNull = column.nullable() && random.nextInt(5) == 0;
    return value(column.kind(), isNull ? null : randomObject(column.kind()));
  }

  private Object randomObject(Kind kind) {
    return switch (kind) {
      case INT -> random.nextLong() % 1_000_000_000_000L;
      case INT32 -> (long) random.nextInt();
      case TEXT, KEY_TEXT -> note();
      case BOOL -> random.nextBoolean();
      case DOUBLE -> random.nextInt(1 << 20) / 1024.0 - 512;
      case DECIMAL -> new BigDecimal(BigInteger.valueOf(random.nextLong() % 1_000_000_000_000_000L), random.nextInt(10));
      case DATE -> Date.fromYearMonthDay(1971 + random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28));
      case TIME -> randomTime();
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(20)];
        random.nextBytes(bytes);
        yield ByteArray.copyFrom(bytes);
      }
    };
  }

  private static Value value(Kind kind, Object value) {
    return switch (kind) {
      case INT, INT32 -> Value.int64((Long) value);
      case TEXT, KEY_TEXT -> Value.string((String) value);
      case BOOL -> Value.bool((Boolean) value);
      case DOUBLE -> Value.float64((Double) value);
      case DECIMAL -> Value.numeric((BigDecimal) value);
      case DATE -> Value.date((Date) value);
      case TIME -> Value.timestamp((Timestamp) value);
      case BYTES -> Value.bytes((ByteArray) value);
    };
  }

  /** A time MySQL's DATETIME holds, cut to the generator's precision. */
  private Timestamp randomTime() {
    long micros = MIN_MICROS + (long) (random.nextDouble() * (MAX_MICROS - MIN_MICROS));
    return Timestamp.ofTimeMicroseconds(micros / timestampMicros * timestampMicros);
  }

  private String note() {
    String alphabet = "abcXYZ 019-_'\"\\%äöü";
    StringBuilder note = new StringBuilder();
    int length = random.nextInt(30);
    for (int i = 0; i < length; i++) {
      note.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return note.toString();
  }

  private void commit(List<Mutation> mutations) {
    Timestamp at = retry.write(client, mutations);
    commits.add(new Commit(at, drawnShard));
    stats.committed(mutations.size());
  }
}
