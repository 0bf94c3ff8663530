package dev.rr.common.routing;

import java.io.Serializable;

/**
 * Decides the logical shard of a changed row. Implement it (with a public no-argument
 * constructor) to route by your own rule, package it in a jar and name it in the reader's options;
 * see {@link ShardIdFetchers#load}. One instance serves one pipeline worker thread at a time.
 */
public interface ShardIdFetcher extends Serializable {

  /**
   * Called once, before any {@link #getShardId}, with the operator's free-form parameters (empty
   * string when none were given).
   */
  default void init(String customParameters) {}

  /**
   * The logical shard id for {@code request}'s row. Return a response with a null id when the row
   * belongs to no shard; the record is then kept aside and counted, never dropped silently.
   */
  ShardIdResponse getShardId(ShardIdRequest request);
}
