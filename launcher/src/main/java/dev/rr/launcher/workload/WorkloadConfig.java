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
 * @param transferPercent share of transactions (0-100) that are transfers between two accounts;
 *     the rest insert, update and delete parent and child rows
 * @param timestampUnit precision of the TIMESTAMP values written ({@code update_ts}, {@code
 *     in_ts}): {@link ChronoUnit#SECONDS} by default, because the Cloud Spanner emulator's change
 *     stream drops fractional seconds (1.5.28 emits {@code 12:00:01Z} for {@code 12:00:01.25Z}),
 *     so sub-second values written there could never replicate; {@link ChronoUnit#MICROS} (what
 *     MySQL keeps) against real Spanner
 */
public record WorkloadConfig(
    long seed,
    List<String> shardIds,
    Optional<Duration> duration,
    OptionalLong transactions,
    int transactionsPerSecond,
    int accountsPerShard,
    long initialBalance,
    int transferPercent,
    ChronoUnit timestampUnit) {
  /** Share of transfers unless set otherwise. */
  public static final int DEFAULT_TRANSFER_PERCENT = 27;

  public WorkloadConfig {
    shardIds = List.copyOf(shardIds);
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(timestampUnit, "timestampUnit");
    if (shardIds.isEmpty()) {
      throw new IllegalArgumentException("the workload needs at least one shard id");
    }
    if (duration.isEmpty() && transactions.isEmpty()) {
      throw new IllegalArgumentException("the workload needs a duration or a transaction count");
    }
    if (transactionsPerSecond < 0 || accountsPerShard < 2 || initialBalance < 0) {
      throw new IllegalArgumentException("transactionsPerSecond >= 0, accountsPerShard >= 2 and"
          + " initialBalance >= 0 are required");
    }
    if (timestampUnit != ChronoUnit.SECONDS && timestampUnit != ChronoUnit.MILLIS
        && timestampUnit != ChronoUnit.MICROS) {
      throw new IllegalArgumentException("timestampUnit " + timestampUnit
          + " must be SECONDS, MILLIS or MICROS");
    }
    if (transferPercent < 0 || transferPercent > 100) {
      throw new IllegalArgumentException("transferPercent " + transferPercent + " must be 0-100");
    }
  }

  /** {@code count} transactions, unpaced, 10 accounts of 1000 per shard. */
  public static WorkloadConfig ofTransactions(long seed, List<String> shardIds, long count) {
    return new WorkloadConfig(seed, shardIds, Optional.empty(), OptionalLong.of(count), 0, 10, 1000,
        DEFAULT_TRANSFER_PERCENT, ChronoUnit.SECONDS);
  }

  /** Runs for {@code duration} at {@code perSecond} transactions per second. */
  public static WorkloadConfig ofDuration(long seed, List<String> shardIds, Duration duration,
      int perSecond) {
    return new WorkloadConfig(seed, shardIds, Optional.of(duration), OptionalLong.empty(),
        perSecond, 10, 1000, DEFAULT_TRANSFER_PERCENT, ChronoUnit.SECONDS);
  }

  /** The same workload with {@code percent} of its transactions being transfers. */
  public WorkloadConfig withTransferPercent(int percent) {
    return new WorkloadConfig(seed, shardIds, duration, transactions, transactionsPerSecond,
        accountsPerShard, initialBalance, percent, timestampUnit);
  }

  /** The same workload writing TIMESTAMP values truncated to {@code unit}. */
  public WorkloadConfig withTimestampUnit(ChronoUnit unit) {
    return new WorkloadConfig(seed, shardIds, duration, transactions, transactionsPerSecond,
        accountsPerShard, initialBalance, transferPercent, unit);
  }

  /** The sum of balances each shard keeps at all times. */
  public long balancePerShard() {
    return accountsPerShard * initialBalance;
  }
}
