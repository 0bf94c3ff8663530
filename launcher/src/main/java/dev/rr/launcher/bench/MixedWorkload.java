package dev.rr.launcher.bench;

import dev.rr.common.model.ModType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * An endless, seeded source of realistic transactions: 1-10 row changes each, every change an
 * insert (60%), update of a live row (30%) or delete of a live row (10%) in one of the three
 * {@link BenchSchema} tables, each transaction on one randomly chosen shard. An update or delete
 * with no live row left to change (at the very start) becomes an insert. Tracks the rows every
 * shard must end with.
 */
public final class MixedWorkload {
  private static final int MAX_TRANSACTION_ROWS = 10;

  private final List<String> shards;
  private final Random random;
  private final Map<String, ShardKeys> keys = new HashMap<>();
  private final ExpectedState expected = new ExpectedState();

  private final ChronoUnit timePrecision;

  /** A workload whose new rows get ids from 1 up and whose time values have microseconds. */
  public MixedWorkload(List<String> shards, long seed) {
    this(shards, seed, 0, ChronoUnit.MICROS);
  }

  /**
   * A workload whose new rows get ids from {@code idBase + 1} up, so that several workloads can
   * write the same tables concurrently without touching each other's rows, and whose time values
   * are truncated to {@code timePrecision} (the emulator's change stream reports TIMESTAMP values
   * in whole seconds, so workloads that go through it use {@code SECONDS}).
   */
  public MixedWorkload(List<String> shards, long seed, long idBase, ChronoUnit timePrecision) {
    this.timePrecision = timePrecision;
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("a workload needs at least one shard");
    }
    this.shards = List.copyOf(shards);
    this.random = new Random(seed);
    for (String shard : shards) {
      keys.put(shard, new ShardKeys(idBase + 1));
    }
  }

  /** The next transaction; {@code commitTime} is the time written into its time columns. */
  public BenchTransaction next(Instant commitTime) {
    // MySQL keeps microseconds; values of finer precision could not be compared.
    Instant now = commitTime.truncatedTo(ChronoUnit.MICROS);
    String shard = shards.get(random.nextInt(shards.size()));
    ShardKeys shardKeys = keys.get(shard);
    int size = 1 + random.nextInt(MAX_TRANSACTION_ROWS);
    List<BenchTransaction.Change> changes = new ArrayList<>(size);
    Set<String> touched = new HashSet<>();
    for (int i = 0; i < size; i++) {
      BenchTable table = BenchSchema.tables().get(random.nextInt(BenchSchema.tables().size()));
      changes.add(change(shard, shardKeys, table, touched, now));
    }
    return new BenchTransaction(shard, changes);
  }

  /** The rows every shard holds once all transactions so far are applied. */
  public ExpectedState expected() {
    return expected;
  }

  private BenchTransaction.Change change(
      String shard, ShardKeys shardKeys, BenchTable table, Set<String> touched, Instant now) {
    int roll = random.nextInt(100);
    ModType type = roll < 60 ? ModType.INSERT : roll < 90 ? ModType.UPDATE : ModType.DELETE;
    LiveKeys live = shardKeys.live(table);
    List<Long> key = null;
    if (type != ModType.INSERT && !live.isEmpty()) {
      List<Long> candidate = live.pick(random);
      key = touched.contains(table.name() + candidate) ? null : candidate;
    }
    if (key == null) {
      type = ModType.INSERT;
      key = shardKeys.newKey(table, random);
      live.add(key);
    }
    touched.add(table.name() + key);
    if (type == ModType.DELETE) {
      live.remove(key);
      Map<String, Object> keyRow = new LinkedHashMap<>();
      for (int i = 0; i < key.size(); i++) {
        keyRow.put(table.primaryKey().get(i), key.get(i));
      }
      expected.remove(shard, table.name(), RowValues.keyText(table, keyRow));
      return new BenchTransaction.Change(table, type, keyRow);
    }
    Map<String, Object> row = RowValues.row(table, key, random, now, timePrecision);
    expected.put(shard, table.name(), RowValues.keyText(table, row), RowValues.digest(table, row));
    return new BenchTransaction.Change(table, type, row);
  }

  /** One shard's live keys and key counters, per table. */
  private static final class ShardKeys {
    private final Map<String, LiveKeys> live = new HashMap<>();
    private long nextId;

    ShardKeys(long firstId) {
      this.nextId = firstId;
    }

    LiveKeys live(BenchTable table) {
      return live.computeIfAbsent(table.name(), t -> new LiveKeys());
    }

    /** A key never used before in this shard; composite keys take a random parent id. */
    List<Long> newKey(BenchTable table, Random random) {
      long id = nextId++;
      if (table.primaryKey().size() == 1) {
        return List.of(id);
      }
      return List.of(1L + random.nextInt(1 + (int) Math.min(id, 100_000)), id);
    }
  }
}
