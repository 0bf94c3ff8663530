package dev.rr.launcher.workload;

import static dev.rr.launcher.workload.SampleSchema.SHARD_ID_COLUMN;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Struct;
import dev.rr.common.spanner.SpannerRetry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random workload against the {@link SampleSchema} in Spanner: inserts, updates and
 * deletes across the parent/child tables (parents before children; parent1's children deleted
 * before it, parent2 deleted with its interleaved children by ON DELETE CASCADE) and transfers
 * between two accounts of the same shard, so every shard's total balance stays {@link
 * WorkloadConfig#balancePerShard()}. Single-threaded: the emulator runs one read-write
 * transaction at a time. Every transaction goes through a {@link SpannerRetry}, so a commit the
 * database aborts (contention, or an emulator started with fault injection) is run again; an
 * aborted attempt commits nothing, so the workload's own view of its rows stays exact.
 */
public final class Workload {
  private final DatabaseClient client;
  private final WorkloadConfig config;
  private final SpannerRetry retry;
  private final Random random;
  private final Map<String, ShardRows> rows = new HashMap<>();
  private final WorkloadStats stats = new WorkloadStats();
  private volatile boolean stopped;
  private long nextParentId = 1;
  private long nextChildId = 1;

  /** Ids of the rows the workload created and has not deleted, in one shard. */
  private static final class ShardRows {
    final List<Long> parent1 = new ArrayList<>();
    final Map<Long, List<Long>> child11 = new HashMap<>();
    final List<Long> parent2 = new ArrayList<>();
    final Map<Long, List<Long>> child21 = new HashMap<>();
    final List<Long> accounts = new ArrayList<>();
  }

  /** A workload on real Spanner: the client retries aborted transactions itself ({@link SpannerRetry#standard()}). */
  public Workload(DatabaseClient client, WorkloadConfig config) {
    this(client, config, SpannerRetry.standard());
  }

  /** A workload whose transactions are retried by {@code retry} (e.g. {@link SpannerRetry#forEmulator()}). */
  public Workload(DatabaseClient client, WorkloadConfig config, SpannerRetry retry) {
    this.client = client;
    this.config = config;
    this.retry = retry;
    this.random = new Random(config.seed());
    config.shardIds().forEach(shard -> rows.put(shard, new ShardRows()));
  }

  /** Live counters. */
  public WorkloadStats stats() {
    return stats;
  }

  /** Makes {@link #run()} return after the current transaction. */
  public void stop() {
    stopped = true;
  }

  /** Inserts the accounts of every shard (one transaction per shard). */
  public void createAccounts() {
    for (int s = 0; s < config.shardIds().size(); s++) {
      String shard = config.shardIds().get(s);
      List<Mutation> mutations = new ArrayList<>();
      for (int i = 0; i < config.accountsPerShard(); i++) {
        long id = (s + 1) * 1_000_000L + i;
        mutations.add(Mutation.newInsertBuilder("accounts").set("account_id").to(id)
            .set("balance").to(config.initialBalance()).set("note").to("account " + i + " of " + shard)
            .set(SHARD_ID_COLUMN).to(shard).build());
        rows.get(shard).accounts.add(id);
      }
      retry.write(client, mutations);
      stats.committed(mutations.size(), 0, 0, false);
    }
  }

  /**
   * Runs transactions until the configured duration or count is reached, or {@link #stop()}.
   * Call {@link #createAccounts()} first for transfers to happen.
   */
  public WorkloadStats run() throws InterruptedException {
    long started = System.nanoTime();
    long limit = config.transactions().orElse(Long.MAX_VALUE);
    long endNanos = config.duration().map(d -> started + d.toNanos()).orElse(Long.MAX_VALUE);
    long intervalNanos = config.transactionsPerSecond() == 0 ? 0 : 1_000_000_000L / config.transactionsPerSecond();
    for (long i = 0; i < limit && !stopped && System.nanoTime() < endNanos; i++) {
      step();
      long due = started + (i + 1) * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    return stats;
  }

  /** One random transaction; an operation with nothing to act on becomes an insert instead. */
  void step() {
    String shard = config.shardIds().get(random.nextInt(config.shardIds().size()));
    ShardRows shardRows = rows.get(shard);
    // A transfer with probability transferPercent; otherwise one of the row operations, with
    // fixed relative weights (23 insert family, 15 update, 7 insert child, 10 delete child,
    // 9 delete parent1, 9 delete parent2).
    boolean done;
    int choice = random.nextInt(100) < config.transferPercent() ? 0 : 27 + random.nextInt(73);
    if (choice < 27) {
      done = transfer(shardRows);
    } else if (choice < 50) {
      insertFamily(shard, shardRows, random.nextBoolean());
      done = true;
    } else if (choice < 65) {
      done = update(shardRows);
    } else if (choice < 72) {
      done = insertChild(shard, shardRows);
    } else if (choice < 82) {
      done = deleteChild(shardRows);
    } else if (choice < 91) {
      done = deleteParent1(shardRows);
    } else {
      done = deleteParent2(shardRows);
    }
    if (!done) {
      insertFamily(shard, shardRows, random.nextBoolean());
    }
  }

  private void insertFamily(String shard, ShardRows shardRows, boolean first) {
    String parentTable = first ? "parent1" : "parent2";
    long parent = nextParentId++;
    List<Mutation> mutations = new ArrayList<>();
    mutations.add(withTimes(Mutation.newInsertBuilder(parentTable).set("id").to(parent), true)
        .set(SHARD_ID_COLUMN).to(shard).build());
    List<Long> children = new ArrayList<>();
    int count = random.nextInt(4);
    for (int c = 0; c < count; c++) {
      long child = nextChildId++;
      mutations.add(childInsert(first, shard, parent, child));
      children.add(child);
    }
    retry.write(client, mutations);
    (first ? shardRows.parent1 : shardRows.parent2).add(parent);
    (first ? shardRows.child11 : shardRows.child21).put(parent, children);
    stats.committed(mutations.size(), 0, 0, false);
  }

  private boolean insertChild(String shard, ShardRows shardRows) {
    boolean first = random.nextBoolean();
    List<Long> parents = first ? shardRows.parent1 : shardRows.parent2;
    if (parents.isEmpty()) {
      return false;
    }
    long parent = pick(parents);
    long child = nextChildId++;
    retry.write(client, List.of(childInsert(first, shard, parent, child)));
    (first ? shardRows.child11 : shardRows.child21).get(parent).add(child);
    stats.committed(1, 0, 0, false);
    return true;
  }

  private Mutation childInsert(boolean first, String shard, long parent, long child) {
    Mutation.WriteBuilder insert = first
        ? Mutation.newInsertBuilder("child11").set("child_id").to(child).set("parent_id").to(parent)
        : Mutation.newInsertBuilder("child21").set("id").to(parent).set("child_id").to(child);
    return withTimes(insert, true).set(SHARD_ID_COLUMN).to(shard).build();
  }

  private boolean update(ShardRows shardRows) {
    List<Mutation> mutations = new ArrayList<>();
    int table = random.nextInt(4);
    if (table == 0 && !shardRows.parent1.isEmpty()) {
      mutations.add(withTimes(Mutation.newUpdateBuilder("parent1").set("id").to(pick(shardRows.parent1)), false).build());
    } else if (table == 1 && !shardRows.parent2.isEmpty()) {
      mutations.add(withTimes(Mutation.newUpdateBuilder("parent2").set("id").to(pick(shardRows.parent2)), false).build());
    } else {
      boolean first = table != 3;
      Map<Long, List<Long>> children = first ? shardRows.child11 : shardRows.child21;
      List<Long> parents = children.entrySet().stream().filter(e -> !e.getValue().isEmpty())
          .map(Map.Entry::getKey).sorted().toList();
      if (parents.isEmpty()) {
        return false;
      }
      long parent = parents.get(random.nextInt(parents.size()));
      long child = pick(children.get(parent));
      Mutation.WriteBuilder update = first
          ? Mutation.newUpdateBuilder("child11").set("child_id").to(child)
          : Mutation.newUpdateBuilder("child21").set("id").to(parent).set("child_id").to(child);
      mutations.add(withTimes(update, false).build());
    }
    retry.write(client, mutations);
    stats.committed(0, mutations.size(), 0, false);
    return true;
  }

  private boolean deleteChild(ShardRows shardRows) {
    boolean first = random.nextBoolean();
    Map<Long, List<Long>> children = first ? shardRows.child11 : shardRows.child21;
    List<Long> parents = children.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey).sorted().toList();
    if (parents.isEmpty()) {
      return false;
    }
    long parent = parents.get(random.nextInt(parents.size()));
    List<Long> siblings = children.get(parent);
    long child = siblings.get(random.nextInt(siblings.size()));
    retry.write(client, List.of(first ? Mutation.delete("child11", Key.of(child))
        : Mutation.delete("child21", Key.of(parent, child))));
    siblings.remove(Long.valueOf(child));
    stats.committed(0, 0, 1, false);
    return true;
  }

  /** parent1 has no cascade in Spanner: its children are deleted first, in the same transaction. */
  private boolean deleteParent1(ShardRows shardRows) {
    if (shardRows.parent1.isEmpty()) {
      return false;
    }
    long parent = pick(shardRows.parent1);
    List<Mutation> mutations = new ArrayList<>();
    for (long child : shardRows.child11.get(parent)) {
      mutations.add(Mutation.delete("child11", Key.of(child)));
    }
    mutations.add(Mutation.delete("parent1", Key.of(parent)));
    retry.write(client, mutations);
    shardRows.parent1.remove(Long.valueOf(parent));
    shardRows.child11.remove(parent);
    stats.committed(0, 0, mutations.size(), false);
    return true;
  }

  /** parent2's interleaved children go with it (ON DELETE CASCADE). */
  private boolean deleteParent2(ShardRows shardRows) {
    if (shardRows.parent2.isEmpty()) {
      return false;
    }
    long parent = pick(shardRows.parent2);
    retry.write(client, List.of(Mutation.delete("parent2", Key.of(parent))));
    shardRows.parent2.remove(Long.valueOf(parent));
    shardRows.child21.remove(parent);
    stats.committed(0, 0, 1, false);
    return true;
  }

  private boolean transfer(ShardRows shardRows) {
    if (shardRows.accounts.size() < 2) {
      return false;
    }
    int from = random.nextInt(shardRows.accounts.size());
    int to = (from + 1 + random.nextInt(shardRows.accounts.size() - 1)) % shardRows.accounts.size();
    long fromId = shardRows.accounts.get(from);
    long toId = shardRows.accounts.get(to);
    long wanted = 1 + random.nextInt(100);
    retry.readWrite(client, tx -> {
      Struct a = tx.readRow("accounts", Key.of(fromId), List.of("balance"));
      Struct b = tx.readRow("accounts", Key.of(toId), List.of("balance"));
      long amount = Math.min(wanted, a.getLong("balance"));
      tx.buffer(List.of(
          Mutation.newUpdateBuilder("accounts").set("account_id").to(fromId)
              .set("balance").to(a.getLong("balance") - amount).build(),
          Mutation.newUpdateBuilder("accounts").set("account_id").to(toId)
              .set("balance").to(b.getLong("balance") + amount).build()));
      return null;
    });
    stats.committed(0, 2, 0, true);
    return true;
  }

  private Mutation.WriteBuilder withTimes(Mutation.WriteBuilder row, boolean insert) {
    Timestamp now = truncated(Instant.now());
    row.set("update_ts").to(now);
    if (insert) {
      row.set("in_ts").to(now);
    }
    return row;
  }

  private long pick(List<Long> ids) {
    return ids.get(random.nextInt(ids.size()));
  }

  private Timestamp truncated(Instant instant) {
    Instant cut = instant.truncatedTo(config.timestampUnit());
    return Timestamp.ofTimeSecondsAndNanos(cut.getEpochSecond(), cut.getNano());
  }
}
