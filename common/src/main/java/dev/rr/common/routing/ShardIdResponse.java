package dev.rr.common.routing;

/**
 * The answer of a {@link ShardIdFetcher}.
 *
 * @param logicalShardId the shard the row belongs to, or null when it belongs to none
 */
public record ShardIdResponse(String logicalShardId) {}
