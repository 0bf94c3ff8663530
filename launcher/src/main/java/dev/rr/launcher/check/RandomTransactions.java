package dev.rr.launcher.check;

import static dev.rr.launcher.workload.SampleSchema.SHARD_ID_COLUMN;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.spanner.SpannerRetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random transactions over the {@link dev.rr.launcher.workload.SampleSchema}: parents
 * with their children in one transaction, updates of key-adjacent rows, deletes (parent1's
 * children first, parent2's by cascade), deleted keys inserted again, large transactions, money
 * moved between accounts of one shard (so the balance sampler stays a valid fast check), in bursts
 * with idle gaps, and optionally families moved to another shard. Nullable columns get NULL and
 * random values at the configured precision. The seed
 * fixes the sequence of transactions; the generator is the only writer, so its model of the live
 * rows is exact. Single-threaded, like the emulator's read-write transactions.
 */
public final class RandomTransactions implements TransactionSource {
  /** Accounts per shard, created first; the shard's total balance never changes after. */
  public static final int ACCOUNTS = 8;
  /** Balance of each new account. */
  public static final long BALANCE = 1_000;
  private static final long MIN_MICROS = 86_400L * 366 * 1_000_000;
  private static final long MAX_MICROS = 2_000_000_000L * 1_000_000;

  private final DatabaseClient client;
  private final List<String> shards;
  private final Random random;
  private final SpannerRetry retry;
  private final Model model;
  private final GeneratorStats stats = new GeneratorStats();
  private final long timestampMicros;
  private final boolean shardMoves;

  public RandomTransactions(DatabaseClient client, List<String> shards, SpannerRetry retry,
      GeneratorConfig config) {
    this.client = client;
    this.timestampMicros = config.timestampUnit().getDuration().toNanos() / 1000;
    this.shardMoves = config.shardMoves();
    this.shards = List.copyOf(shards);
    this.random = new Random(config.seed());
    this.retry = retry;
    this.model = new Model(shards);
  }

  @Override
  public GeneratorStats stats() {
    return stats;
  }

  /** The accounts of every shard, one transaction per shard. */
  public void createAccounts() {
    for (int s = 0; s < shards.size(); s++) {
      List<Mutation> mutations = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        long id = (s + 1) * 1_000_000L + i;
        model.shard(shards.get(s)).accounts.put(id, BALANCE);
        mutations.add(account(id, BALANCE, shards.get(s)).set("note").to(note()).build());
      }
      commit(mutations);
    }
  }

  /** Runs transactions until {@code duration} has passed: bursts of 1-20, then a pause or an idle gap. */
  @Override
  public void run(Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      int burst = 1 + random.nextInt(random.nextInt(4) == 0 ? 20 : 3);
      for (int i = 0; i < burst && System.nanoTime() < end; i++) {
        commit(transaction());
      }
      boolean idle = random.nextInt(12) == 0;
      stats.paused(idle);
      Thread.sleep(idle ? 500 + random.nextInt(2500) : 20 + random.nextInt(80));
    }
  }

  /** The mutations of the next random transaction (never empty). */
  List<Mutation> transaction() {
    String shard = shards.get(random.nextInt(shards.size()));
    Model.Shard rows = model.shard(shard);
    int choice = random.nextInt(100);
    List<Mutation> mutations = new ArrayList<>();
    if (shardMoves && shards.size() > 1 && random.nextInt(12) == 0) {
      moveFamily(shard, rows, mutations);
    } else if (choice < 20) {
      insertFamily(shard, rows, mutations);
    } else if (choice < 40) {
      updateAdjacent(rows, mutations);
    } else if (choice < 52) {
      transfer(rows, mutations);
    } else if (choice < 64) {
      deleteChildren(rows, mutations);
    } else if (choice < 74) {
      deleteParent(rows, mutations);
    } else if (choice < 82) {
      reinsertDeleted(shard, rows, mutations);
    } else if (choice < 86) {
      stats.large();
      int families = 15 + random.nextInt(40);
      for (int i = 0; i < families; i++) {
        insertFamily(shard, rows, mutations);
      }
      updateAdjacent(rows, mutations);
    } else {
      insertChild(shard, rows, mutations);
    }
    if (mutations.isEmpty()) {
      insertFamily(shard, rows, mutations);
    }
    return mutations;
  }

  private void insertFamily(String shard, Model.Shard rows, List<Mutation> out) {
    boolean first = random.nextBoolean();
    long parent = model.nextParent();
    insertParent(shard, rows, first, parent, out);
    int children = random.nextInt(4);
    for (int c = 0; c < children; c++) {
      insertChildOf(shard, rows, first, parent, out);
    }
  }

  private void insertParent(String shard, Model.Shard rows, boolean first, long parent, List<Mutation> out) {
    out.add(times(Mutation.newInsertBuilder(first ? "parent1" : "parent2").set("id").to(parent))
        .set(SHARD_ID_COLUMN).to(shard).build());
    (first ? rows.parent1 : rows.parent2).put(parent, new ArrayList<>());
    stats.inserted(1);
  }

  private void insertChild(String shard, Model.Shard rows, List<Mutation> out) {
    boolean first = random.nextBoolean();
    Long parent = Model.pick(first ? rows.parent1 : rows.parent2, random);
    if (parent != null) {
      insertChildOf(shard, rows, first, parent, out);
    }
  }

  private void insertChildOf(String shard, Model.Shard rows, boolean first, long parent, List<Mutation> out) {
    long child = model.nextChild();
    Mutation.WriteBuilder insert = first
        ? Mutation.newInsertBuilder("child11").set("child_id").to(child).set("parent_id").to(parent)
        : Mutation.newInsertBuilder("child21").set("id").to(parent).set("child_id").to(child);
    out.add(times(insert).set(SHARD_ID_COLUMN).to(shard).build());
    (first ? rows.parent1 : rows.parent2).get(parent).add(child);
    stats.inserted(1);
  }

  /** Updates up to three rows with neighbouring keys of one table in one transaction. */
  private void updateAdjacent(Model.Shard rows, List<Mutation> out) {
    boolean first = random.nextBoolean();
    int before = out.size();
    List<Long> adjacent = Model.adjacent(first ? rows.parent1 : rows.parent2, random, 1 + random.nextInt(3));
    for (long parent : adjacent) {
      out.add(times(Mutation.newUpdateBuilder(first ? "parent1" : "parent2").set("id").to(parent)).build());
      for (long child : (first ? rows.parent1 : rows.parent2).get(parent)) {
        if (random.nextBoolean()) {
          out.add(times(first ? Mutation.newUpdateBuilder("child11").set("child_id").to(child)
              : Mutation.newUpdateBuilder("child21").set("id").to(parent).set("child_id").to(child)).build());
        }
      }
    }
    stats.updated(out.size() - before);
  }

  private void transfer(Model.Shard rows, List<Mutation> out) {
    List<Long> ids = new ArrayList<>(rows.accounts.keySet());
    long from = ids.get(random.nextInt(ids.size()));
    long to = ids.get(random.nextInt(ids.size()));
    if (from == to) {
      return;
    }
    long amount = Math.min(rows.accounts.get(from), 1 + random.nextInt(200));
    rows.accounts.merge(from, -amount, Long::sum);
    rows.accounts.merge(to, amount, Long::sum);
    out.add(Mutation.newUpdateBuilder("accounts").set("account_id").to(from)
        .set("balance").to(rows.accounts.get(from)).set("note").to(note()).build());
    out.add(Mutation.newUpdateBuilder("accounts").set("account_id").to(to)
        .set("balance").to(rows.accounts.get(to)).build());
    stats.updated(2);
  }

  private void deleteChildren(Model.Shard rows, List<Mutation> out) {
    boolean first = random.nextBoolean();
    Long parent = Model.pick(first ? rows.parent1 : rows.parent2, random);
    List<Long> children = parent == null ? List.of() : (first ? rows.parent1 : rows.parent2).get(parent);
    while (!children.isEmpty() && (out.isEmpty() || random.nextBoolean())) {
      long child = children.remove(random.nextInt(children.size()));
      out.add(first ? Mutation.delete("child11", Key.of(child)) : Mutation.delete("child21", Key.of(parent, child)));
      stats.deleted(1);
    }
  }

  /** parent1's children are deleted first in the same transaction; parent2's go by cascade. */
  private void deleteParent(Model.Shard rows, List<Mutation> out) {
    boolean first = random.nextBoolean();
    Long parent = Model.pick(first ? rows.parent1 : rows.parent2, random);
    if (parent == null) {
      return;
    }
    List<Long> children = (first ? rows.parent1 : rows.parent2).remove(parent);
    if (first) {
      children.forEach(child -> out.add(Mutation.delete("child11", Key.of(child))));
    }
    out.add(Mutation.delete(first ? "parent1" : "parent2", Key.of(parent)));
    model.deleted(first, parent);
    stats.deleted(1 + children.size());
  }

  /** Moves a parent and its children to another shard: their shard-id column, in one transaction. */
  private void moveFamily(String from, Model.Shard rows, List<Mutation> out) {
    boolean first = random.nextBoolean();
    Long parent = Model.pick(first ? rows.parent1 : rows.parent2, random);
    if (parent == null) {
      return;
    }
    List<String> others = shards.stream().filter(s -> !s.equals(from)).toList();
    String to = others.get(random.nextInt(others.size()));
    List<Long> children = (first ? rows.parent1 : rows.parent2).remove(parent);
    (first ? model.shard(to).parent1 : model.shard(to).parent2).put(parent, children);
    out.add(Mutation.newUpdateBuilder(first ? "parent1" : "parent2").set("id").to(parent)
        .set(SHARD_ID_COLUMN).to(to).build());
    for (long child : children) {
      out.add((first ? Mutation.newUpdateBuilder("child11").set("child_id").to(child)
          : Mutation.newUpdateBuilder("child21").set("id").to(parent).set("child_id").to(child))
          .set(SHARD_ID_COLUMN).to(to).build());
    }
    stats.moved(out.size());
  }

  private void reinsertDeleted(String shard, Model.Shard rows, List<Mutation> out) {
    boolean first = random.nextBoolean();
    Long parent = model.takeDeleted(first, random);
    if (parent != null) {
      insertParent(shard, rows, first, parent, out);
    }
  }

  private Mutation.WriteBuilder times(Mutation.WriteBuilder row) {
    row.set("update_ts").to(randomTime());
    row.set("in_ts").to(random.nextInt(5) == 0 ? null : randomTime());
    return row;
  }

  /** A time MySQL's TIMESTAMP holds (1971-2033), cut to the generator's precision. */
  private Timestamp randomTime() {
    long micros = MIN_MICROS + (long) (random.nextDouble() * (MAX_MICROS - MIN_MICROS));
    return Timestamp.ofTimeMicroseconds(micros / timestampMicros * timestampMicros);
  }

  private String note() {
    if (random.nextInt(4) == 0) {
      return null;
    }
    String alphabet = "abcXYZ 019-_'\"\\%äöü";
    StringBuilder note = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      note.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return note.toString();
  }

  private static Mutation.WriteBuilder account(long id, long balance, String shard) {
    return Mutation.newInsertBuilder("accounts").set("account_id").to(id).set("balance").to(balance)
        .set(SHARD_ID_COLUMN).to(shard);
  }

  private void commit(List<Mutation> mutations) {
    retry.write(client, mutations);
    stats.committed(mutations.size());
  }
}
