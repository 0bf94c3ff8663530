package dev.rr.launcher.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What the workload generator writes: about {@code records} change records (60% insert, 30%
 * update, 10% delete over the three {@link BenchSchema} tables, transactions of 1-10 rows), spread
 * over {@code shards} shards, with commit timestamps {@code 1 / transactionsPerSecond} apart from
 * {@code start}, cut into window files of {@code window}. Equal specs give equal files.
 *
 * @param records change records to generate (the last transaction is completed, so a few more)
 * @param shards number of shards; their ids are {@link #shardIds()}
 * @param seed seed of every random choice
 * @param window window duration of the buffer files
 * @param transactionsPerSecond commit rate of the synthetic history
 * @param start commit time of the first transaction; also the first window's start
 */
public record WorkloadSpec(
    long records,
    int shards,
    long seed,
    Duration window,
    int transactionsPerSecond,
    Instant start) {

  /** A fixed, window-aligned start, so runs are comparable and file names stable. */
  public static final Instant DEFAULT_START = Instant.parse("2024-06-01T00:00:00Z");

  public WorkloadSpec {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(start, "start");
    if (records < 1) {
      throw new IllegalArgumentException("records must be at least 1, got " + records);
    }
    if (shards < 1 || shards > 999) {
      throw new IllegalArgumentException("shards must be 1-999, got " + shards);
    }
    if (window.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("window must be at least 1ms, got " + window);
    }
    if (transactionsPerSecond < 1 || transactionsPerSecond > 1_000_000) {
      throw new IllegalArgumentException(
          "transactionsPerSecond must be 1-1000000, got " + transactionsPerSecond);
    }
  }

  /** A spec with the default seed, 10 s windows, 500 transactions/s from {@link #DEFAULT_START}. */
  public static WorkloadSpec of(long records, int shards) {
    return new WorkloadSpec(records, shards, 42, Duration.ofSeconds(10), 500, DEFAULT_START);
  }

  /** The same spec with another window duration. */
  public WorkloadSpec withWindow(Duration newWindow) {
    return new WorkloadSpec(records, shards, seed, newWindow, transactionsPerSecond, start);
  }

  /** The same spec with another seed. */
  public WorkloadSpec withSeed(long newSeed) {
    return new WorkloadSpec(records, shards, newSeed, window, transactionsPerSecond, start);
  }

  /** Shard ids {@code shard00}, {@code shard01}, ...; valid as directory and database names. */
  public List<String> shardIds() {
    return IntStream.range(0, shards).mapToObj(WorkloadSpec::shardId).toList();
  }

  /** The id of shard number {@code index}. */
  public static String shardId(int index) {
    return String.format("shard%02d", index);
  }
}
