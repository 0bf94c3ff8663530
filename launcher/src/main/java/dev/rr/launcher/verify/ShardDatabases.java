package dev.rr.launcher.verify;

import dev.rr.common.input.Shard;
import java.sql.DriverManager;
import java.util.List;

/** {@link ShardDatabase}s for the shards of a shards file, connecting with plain JDBC. */
public final class ShardDatabases {
  private ShardDatabases() {}

  /** One database per shard, connecting to its {@code jdbcUrl()} with its credentials. */
  public static List<ShardDatabase> of(List<Shard> shards) {
    return shards.stream()
        .map(shard -> new ShardDatabase(shard.logicalShardId(),
            () -> DriverManager.getConnection(shard.jdbcUrl(), shard.jdbcProperties())))
        .toList();
  }

  /** Routing for these shards: the only shard when there is one, else the shard id column. */
  public static RowRouter defaultRouter(List<Shard> shards) {
    return shards.size() == 1 ? RowRouter.single(shards.get(0).logicalShardId())
        : RowRouter.byShardIdColumn();
  }
}
