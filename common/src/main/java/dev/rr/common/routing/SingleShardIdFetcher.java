package dev.rr.common.routing;

import java.util.Objects;

/** Routes every row to the one shard there is. */
public final class SingleShardIdFetcher implements ShardIdFetcher {
  private static final long serialVersionUID = 1L;

  private final String logicalShardId;

  public SingleShardIdFetcher(String logicalShardId) {
    this.logicalShardId = Objects.requireNonNull(logicalShardId, "logicalShardId");
  }

  @Override
  public ShardIdResponse getShardId(ShardIdRequest request) {
    return new ShardIdResponse(logicalShardId);
  }
}
