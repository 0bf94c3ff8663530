package dev.rr.writer.snapshot;

import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.sink.ShardDialect;
import dev.rr.writer.logic.ChangeMapper;
import dev.rr.writer.logic.ShardSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shards of a snapshot where it runs: their connections (passwords resolved here), their
 * dialect (MySQL or PostgreSQL, by the plan's source type) and, per shard, a {@link ChunkLoader}
 * built from the shard's live schema the first time it is needed.
 */
public final class ShardTargets {
  private final SnapshotPlan plan;
  private final Map<String, Shard> shards;
  private final ShardDialect dialect;
  private final Map<String, ChunkLoader> loaders = new ConcurrentHashMap<>();

  private ShardTargets(SnapshotPlan plan, Map<String, Shard> shards) {
    this.plan = plan;
    this.shards = shards;
    this.dialect = plan.sql().dialect(plan.sourceTimezone());
  }

  /** Reads the shards file of {@code plan}, resolving Secret Manager passwords. */
  public static ShardTargets open(SnapshotPlan plan) {
    Map<String, Shard> shards = new LinkedHashMap<>();
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      for (Shard shard : ShardsFile.load(plan.shardsFilePath(), secrets, plan.sourceType())) {
        shards.put(shard.logicalShardId(), shard);
      }
    }
    return new ShardTargets(plan, shards);
  }

  /** The logical shard ids, in the shards file's order. */
  public Set<String> shardIds() {
    return shards.keySet();
  }

  /** The shards' dialect (before a shard's live schema binds it). */
  public ShardDialect dialect() {
    return dialect;
  }

  /** The snapshot tables' SQL of the shards. */
  public SnapshotSql sql() {
    return plan.sql();
  }

  /** A new connection to {@code shardId}'s database. */
  public Connection connect(String shardId) throws SQLException {
    Shard shard = shards.get(shardId);
    if (shard == null) {
      throw new IllegalArgumentException("shard " + shardId + " is not in "
          + plan.shardsFilePath());
    }
    return DriverManager.getConnection(shard.jdbcUrl(), shard.jdbcProperties());
  }

  /**
   * The loader of {@code shardId}, mapping through the shard's own schema as the writer does.
   *
   * @throws dev.rr.common.mysql.SchemaMismatchException when the shard cannot take the mapping
   */
  public ChunkLoader loader(String shardId, Connection connection) throws SQLException {
    ChunkLoader loader = loaders.get(shardId);
    if (loader == null) {
      ShardSchema live = ShardSchema.load(connection, dialect);
      ChangeMapper mapper =
          new ChangeMapper(live.mapping(plan.schema()), live.dialect(), null, shardId);
      ChunkLoader.Sink sink = new ChunkLoader.Sink(live.dialect(), plan.sql(),
          plan.sql().foreignKeysOff(live.catalog()));
      loader = new ChunkLoader(plan.chunkRunId(), plan.snapshot(), mapper, sink,
          plan.maxRowsPerStatement(), plan.resyncOnly().isPresent());
      loaders.put(shardId, loader);
    }
    return loader;
  }
}
