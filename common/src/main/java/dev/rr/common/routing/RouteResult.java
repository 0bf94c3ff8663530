package dev.rr.common.routing;

import java.util.Objects;

/**
 * Where a change record goes.
 *
 * @param outcome routed, or why not
 * @param logicalShardId the shard for {@link Outcome#ROUTED}; for {@link Outcome#UNKNOWN_SHARD}
 *     the id that is not in the shards file, or null when the row named none; null for
 *     {@link Outcome#UNKNOWN_TABLE}
 */
public record RouteResult(Outcome outcome, String logicalShardId) {

  /** Whether and why not a record was routed. */
  public enum Outcome {
    /** Routed to a shard of the shards file. */
    ROUTED,
    /** The record's table is not in the schema mapping. */
    UNKNOWN_TABLE,
    /** The row's shard id is null, absent, or not in the shards file. */
    UNKNOWN_SHARD
  }

  public RouteResult {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome == Outcome.ROUTED && logicalShardId == null) {
      throw new IllegalArgumentException("a routed result needs a shard id");
    }
    if (outcome == Outcome.UNKNOWN_TABLE && logicalShardId != null) {
      throw new IllegalArgumentException("an unknown table has no shard id");
    }
  }

  public static RouteResult routed(String logicalShardId) {
    return new RouteResult(Outcome.ROUTED, Objects.requireNonNull(logicalShardId));
  }

  public static RouteResult unknownTable() {
    return new RouteResult(Outcome.UNKNOWN_TABLE, null);
  }

  public static RouteResult unknownShard(String logicalShardId) {
    return new RouteResult(Outcome.UNKNOWN_SHARD, logicalShardId);
  }

  public boolean isRouted() {
    return outcome == Outcome.ROUTED;
  }
}
