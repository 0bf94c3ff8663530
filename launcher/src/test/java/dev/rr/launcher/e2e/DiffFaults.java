package dev.rr.launcher.e2e;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.launcher.check.RandomSchema;
import dev.rr.launcher.check.SchemaTransactions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The faults of a differential-checker seed: every kind, in an order chosen by the seed, and how
 * each is done to a running replication, with the suite's fault helpers ({@link ShardFaults}, the
 * fixture's stop and kill, {@link BufferWindows}). A rejected value is always last; it is
 * repaired after the writes.
 */
final class DiffFaults {
  /** A fault kind. */
  enum Fault {
    /** The reader cancelled mid-run and relaunched with {@code resume}. */
    READER_STOPPED,
    /**
     * The reader stopped as a Dataflow drain stops it (every open window fired with what was read
     * so far: {@link BufferWindows#leaveDrainFootprint}), then relaunched with {@code resume}.
     */
    READER_DRAINED,
    /**
     * The writer stopped in the middle of a transaction on shard1 (its writes held by a lock),
     * cancelled and its shard sessions killed (the open transaction rolls back), then {@code
     * resumeAll}.
     */
    WRITER_KILLED,
    /** shard2's server ({@code mariadbd}, or PostgreSQL's postmaster and backends) killed with SIGKILL and restarted a few seconds later. */
    SHARD_SERVER_KILLED,
    /** A value shard2's column cannot hold: shard2 in ERROR, then the column widened and {@code resumeFailed}. */
    REJECTED_VALUE
  }

  private DiffFaults() {}

  /** Every fault, in the order seed {@code seed} does them: shuffled, a rejected value last. */
  static List<Fault> plan(long seed) {
    Random random = new Random(new SplittableRandom(seed ^ 0x5EEDFA17L).nextLong());
    List<Fault> all = new ArrayList<>(List.of(Fault.values()));
    Collections.shuffle(all, random);
    all.remove(Fault.REJECTED_VALUE);
    all.add(Fault.REJECTED_VALUE);
    return List.copyOf(all);
  }

  /** What {@link #inject} did: the faults done, and a rejected value planted, to repair after the writes. */
  record Injected(int count, Optional<SchemaTransactions.Planted> planted) {}

  /**
   * Does {@code faults} to {@code fixture}'s replication, 2 s apart. A rejected value is only
   * planted here; {@link #repair} waits for shard2 to stop at it and resumes it, after the writes.
   */
  static Injected inject(ReplicationFixture fixture, SchemaTransactions generator, List<Fault> faults)
      throws Exception {
    int done = 0;
    Optional<SchemaTransactions.Planted> planted = Optional.empty();
    for (Fault fault : faults) {
      Thread.sleep(2000);
      if (fault == Fault.REJECTED_VALUE) {
        planted = generator.plantRejectedValue("shard2", fixture.shardServers.type());
        planted.ifPresentOrElse(p -> fixture.log("fault: planted a value longer than %s.%s holds on shard2"
            + " (key %s)", p.table().mysql(), p.column().mysql(), p.key()),
            () -> fixture.log("fault: no column to plant a rejected value in; skipped"));
        done += planted.isPresent() ? 1 : 0;
      } else {
        inject(fixture, generator, fault);
        done++;
      }
    }
    return new Injected(done, planted);
  }

  private static void inject(ReplicationFixture fixture, SchemaTransactions generator, Fault fault)
      throws Exception {
    switch (fault) {
      case READER_STOPPED -> {
        fixture.stopReaders();
        fixture.log("fault: reader stopped");
        Thread.sleep(2000);
        fixture.startReader(ReaderRunMode.RESUME);
      }
      case READER_DRAINED -> {
        fixture.stopReaders();
        Instant drainedAt = drainPoint(fixture, generator);
        fixture.log("fault: reader stopped; leaving the footprint of a drain at %s", drainedAt);
        BufferWindows.leaveDrainFootprint(fixture, fixture.buffer.resolveSibling("drains"), drainedAt);
        Thread.sleep(2000);
        fixture.startReader(ReaderRunMode.RESUME);
      }
      case WRITER_KILLED -> {
        killWriterMidTransaction(fixture, generator);
        Thread.sleep(1000);
        fixture.startWriter(WriterRunMode.RESUME_ALL);
      }
      case SHARD_SERVER_KILLED -> {
        fixture.shardServers.kill(1);
        fixture.log("fault: shard2's server killed (SIGKILL)");
        Thread.sleep(4000);
        fixture.shardServers.start(1);
        fixture.log("fault: shard2's server restarted");
      }
      default -> throw new IllegalArgumentException(fault.name());
    }
  }

  /**
   * Holds every write to shard1's tables until the writer waits on them in the middle of a
   * transaction (after its checkpoint lock, before its commit), then kills the writer there.
   *
   * @throws IllegalStateException when the writer did not reach shard1 within {@link
   *     ProgressWait#PATIENCE}
   */
  private static void killWriterMidTransaction(ReplicationFixture fixture, SchemaTransactions generator)
      throws Exception {
    TestShard shard1 = fixture.testShards.get(0);
    List<String> tables = generator.schema().tables().stream().map(RandomSchema.Table::mysql).toList();
    try (ShardServers.HeldWrites held = fixture.shardServers.holdWrites(shard1, tables)) {
      long deadline = System.nanoTime() + ProgressWait.PATIENCE.toNanos();
      int waiting = 0;
      while (waiting == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        waiting = fixture.shardServers.lockWaits(shard1);
      }
      if (waiting == 0) {
        throw new IllegalStateException("the writer never waited on shard1's held tables within "
            + ProgressWait.PATIENCE);
      }
      fixture.log("fault: writer stopped mid-transaction on shard1 (%d session(s) waiting)", waiting);
      fixture.killWriters(Set.of(held.sessionId()));
    }
    fixture.log("fault: writer killed");
  }

  /**
   * Where a drain stops the reader: between two commits for one shard in one window, after every
   * shard's {@code created_upto} ({@link #between}), waiting up to 10 s for the generator to make
   * such a pair; without one, {@link #drainPoint(Instant, Instant)}. The shard's partial window
   * then holds the first commit and lacks the second, so a writer that applies it before it is
   * final loses the second.
   */
  static Instant drainPoint(ReplicationFixture fixture, SchemaTransactions generator) throws Exception {
    Instant start = BufferWindows.instant(fixture.start);
    Instant after = fixture.createdUpto().values().stream().map(BufferWindows::instant)
        .max(Instant::compareTo).orElse(start);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<Instant> between = between(generator.commits(), after, start);
      if (between.isPresent()) {
        return between.get();
      }
      Thread.sleep(250);
    }
    return drainPoint(start, Instant.now());
  }

  /**
   * The middle between the latest two successive commits of one shard that lie in one window
   * (windows of {@link ReplicationFixture#WINDOW} from {@code start}) after {@code after}.
   */
  static Optional<Instant> between(List<SchemaTransactions.Commit> commits, Instant after, Instant start) {
    Map<String, Instant> lastByShard = new HashMap<>();
    Optional<Instant> found = Optional.empty();
    long window = ReplicationFixture.WINDOW.toMillis();
    for (SchemaTransactions.Commit commit : commits) {
      Instant at = BufferWindows.instant(commit.at());
      Instant previous = lastByShard.put(commit.shard(), at);
      if (previous != null && previous.isAfter(after) && at.isAfter(previous.plusMillis(1))
          && Duration.between(start, previous).toMillis() / window
              == Duration.between(start, at).toMillis() / window) {
        found = Optional.of(previous.plus(Duration.between(previous, at).dividedBy(2)));
      }
    }
    return found;
  }

  /**
   * Where a drain stops the reader, {@code now} while the generator writes: a quarter into the
   * window that holds {@code now - 1 s} (windows of {@link ReplicationFixture#WINDOW} from {@code
   * start}). The drain point is then inside the writes, and so is the rest of its window: the
   * partial file lacks about 1.5 s of writes, which a writer applying it before it is final loses.
   * (A drain point at the reader's latest file, as before, fell before the writes when the reader
   * trailed, and the partial window then lacked nothing.) Never later than {@code now - 0.5 s}.
   */
  static Instant drainPoint(Instant start, Instant now) {
    long window = ReplicationFixture.WINDOW.toMillis();
    long windows = Math.max(0, Duration.between(start, now.minusSeconds(1)).toMillis()) / window;
    return start.plusMillis(windows * window + window / 4);
  }

  /**
   * Waits for shard2 to stop in ERROR at the planted value, naming its column, while the other
   * shards go on three windows past where it stopped; widens the column and resumes shard2 with
   * {@code resumeFailed}; waits until it left ERROR.
   *
   * @throws IllegalStateException when shard2 did not stop there, or another shard stopped too
   */
  static void repair(ReplicationFixture fixture, SchemaTransactions.Planted planted) throws Exception {
    Map<String, ShardProgress> failed = ProgressWait.await(fixture, p -> p.get("shard2") != null
        && p.get("shard2").status() == ShardStatus.ERROR);
    if (failed.get("shard2") == null || failed.get("shard2").status() != ShardStatus.ERROR
        || !failed.get("shard2").error().contains(planted.column().mysql())) {
      throw new IllegalStateException("shard2 did not stop at the rejected value in "
          + planted.column().mysql() + ": " + failed);
    }
    fixture.log("shard2 in ERROR: %s", failed.get("shard2").error());
    // Three windows past the one shard2 stopped at: the others go on while it is in ERROR.
    Instant past = BufferWindows.instant(failed.get("shard2").processedUpto())
        .plus(ReplicationFixture.WINDOW.multipliedBy(3));
    Timestamp stopped = BufferWindows.timestamp(past);
    Predicate<Map<String, ShardProgress>> othersPast = p -> p.size() == ReplicationFixture.SHARD_IDS.size()
        && p.entrySet().stream().allMatch(e -> e.getKey().equals("shard2")
            || ProgressWait.appliedPast(e.getValue(), stopped));
    Map<String, ShardProgress> others = ProgressWait.await(fixture, othersPast);
    if (!othersPast.test(others)) {
      throw new IllegalStateException("the other shards did not go on past " + stopped
          + " while shard2 was in ERROR: " + others);
    }
    fixture.log("other shards applied past %s while shard2 was in ERROR", stopped);
    try (Connection shard2 = fixture.testShards.get(1).connect();
        Statement statement = shard2.createStatement()) {
      statement.execute(fixture.shardServers.widen(planted.table(), planted.column()));
    }
    fixture.startWriter(WriterRunMode.RESUME_FAILED);
    ProgressWait.await(fixture, p -> p.get("shard2").status() != ShardStatus.ERROR);
    fixture.log("fault: shard2 widened and resumed with resumeFailed");
  }
}
