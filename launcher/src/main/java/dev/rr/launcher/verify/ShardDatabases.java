package dev.rr.launcher.verify;

import dev.rr.common.input.Shard;
import dev.rr.common.routing.ShardIdFetcher;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.mysql.ShardConnections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link ShardDatabase}s for the shards of a shards file, connecting with plain JDBC. */
public final class ShardDatabases {
  private ShardDatabases() {}

  /** One database per shard, connecting with {@link ShardConnections}. */
  public static List<ShardDatabase> of(List<Shard> shards) {
    return shards.stream()
        .map(shard -> new ShardDatabase(shard.logicalShardId(),
            () -> ShardConnections.open(shard)))
        .toList();
  }

  /**
   * Routing as the reader's default: the only shard when there is one, else the session file's
   * shard id columns.
   */
  public static RowRouter defaultRouter(SchemaMapping mapping, List<Shard> shards) {
    return new ShardRouterRowRouter(ShardRouter.withDefaultFetcher(mapping, ids(shards)));
  }

  /** Routing through a custom shard-id fetcher, as the reader loads it. */
  public static RowRouter customRouter(SchemaMapping mapping, List<Shard> shards, ShardIdFetcher fetcher) {
    return new ShardRouterRowRouter(new ShardRouter(mapping, ids(shards), fetcher));
  }

  private static Set<String> ids(List<Shard> shards) {
    return shards.stream().map(Shard::logicalShardId).collect(Collectors.toSet());
  }
}
