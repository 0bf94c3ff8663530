package dev.rr.launcher.check;

import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What {@link RandomTransactions} writes.
 *
 * @param seed the random seed: the same seed gives the same transactions
 * @param timestampUnit precision of the TIMESTAMP values written: {@link ChronoUnit#MICROS} (what
 *     MySQL keeps) against Spanner, {@link ChronoUnit#SECONDS} against the emulator, whose change
 *     stream drops fractional seconds
 * @param shardMoves whether some transactions move a parent and its children to another shard
 *     (their shard-id column updated in one transaction)
 */
public record GeneratorConfig(long seed, ChronoUnit timestampUnit, boolean shardMoves) {
  public GeneratorConfig {
    Objects.requireNonNull(timestampUnit, "timestampUnit");
  }

  /** Seed {@code seed} at the emulator's precision (whole seconds), without shard moves. */
  public static GeneratorConfig forEmulator(long seed) {
    return new GeneratorConfig(seed, ChronoUnit.SECONDS, false);
  }

  /** The same with shard moves on or off. */
  public GeneratorConfig withShardMoves(boolean moves) {
    return new GeneratorConfig(seed, timestampUnit, moves);
  }
}
