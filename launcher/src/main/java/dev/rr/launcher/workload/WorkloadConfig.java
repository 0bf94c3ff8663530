package dev.rr.launcher.workload;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@link Workload} does.
 *
 * @param seed random seed: the same seed and shards give the same sequence of transactions
 * @param shardIds logical shard ids rows are spread over
 * @param duration stop after this long, if set
 * @param transactions stop after this many transactions, if set (at least one limit is required)
 * @param transactionsPerSecond pace; 0 runs as fast as Spanner commits
 * @param accountsPerShard accounts created per shard by {@link Workload#createAccounts()}
 * @param initialBalance balance of each new account
 * @param timestampUnit precision of the TIMESTAMP values written ({@link ChronoUnit#SECONDS} by
 *     default: the emulator's change stream (1.5.28) drops fractional seconds of TIMESTAMP
 *     values, so finer values could not replicate exactly there; use MICROS on real Spanner)
 */
public record WorkloadConfig(
    long seed,
    List<String> shardIds,
    Optional<Duration> duration,
    OptionalLong transactions,
    int transactionsPerSecond,
    int accountsPerShard,
    long initialBalance,
    ChronoUnit timestampUnit) {
  public WorkloadConfig {
    shardIds = List.copyOf(shardIds);
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(transactions, "transactions");
    if (shardIds.isEmpty()) {
      throw new IllegalArgumentException("the workload needs at least one shard id");
    }
    if (duration.isEmpty() && transactions.isEmpty()) {
      throw new IllegalArgumentException("the workload needs a duration or a transaction count");
    }
    Objects.requireNonNull(timestampUnit, "timestampUnit");
    if (transactionsPerSecond < 0 || accountsPerShard < 2 || initialBalance < 0) {
      throw new IllegalArgumentException("transactionsPerSecond >= 0, accountsPerShard >= 2 and"
          + " initialBalance >= 0 are required");
    }
  }

  /** {@code count} transactions, unpaced, 10 accounts of 1000 per shard. */
  public static WorkloadConfig ofTransactions(long seed, List<String> shardIds, long count) {
    return new WorkloadConfig(seed, shardIds, Optional.empty(), OptionalLong.of(count), 0, 10, 1000,
        ChronoUnit.SECONDS);
  }

  /** Runs for {@code duration} at {@code perSecond} transactions per second. */
  public static WorkloadConfig ofDuration(long seed, List<String> shardIds, Duration duration,
      int perSecond) {
    return new WorkloadConfig(seed, shardIds, Optional.of(duration), OptionalLong.empty(),
        perSecond, 10, 1000, ChronoUnit.SECONDS);
  }

  /** The same workload writing TIMESTAMP values at {@code unit} precision. */
  public WorkloadConfig withTimestampUnit(ChronoUnit unit) {
    return new WorkloadConfig(seed, shardIds, duration, transactions, transactionsPerSecond,
        accountsPerShard, initialBalance, unit);
  }

  /** The sum of balances each shard keeps at all times. */
  public long balancePerShard() {
    return accountsPerShard * initialBalance;
  }
}
