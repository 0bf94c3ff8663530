package dev.rr.launcher.status;

import dev.rr.common.input.Shard;
import dev.rr.common.mysql.checkpoint.ResyncFence;
import dev.rr.writer.snapshot.LoadProgressDao;
import dev.rr.writer.snapshot.SnapshotSql;
import dev.rr.writer.snapshot.TableLoad;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads, for {@code rr status --sourceShardsFilePath}, each shard's {@link ShardLoad}: its resync
 * fence and the progress of an initial snapshot or resync under way, in its own dialect (MySQL or
 * PostgreSQL). Only reads: a shard that never
 * loaded has no progress tables and shows nothing; a shard that cannot be reached is reported, not
 * fatal.
 */
public final class ShardLoadSource {
  private final List<Shard> shards;

  public ShardLoadSource(List<Shard> shards) {
    this.shards = List.copyOf(shards);
  }

  /** Every shard's load state in run {@code runId}, by shard id. */
  public Map<String, ShardLoad> read(String runId) {
    Map<String, ShardLoad> loads = new TreeMap<>();
    for (Shard shard : shards) {
      loads.put(shard.logicalShardId(), read(shard, runId));
    }
    return loads;
  }

  private ShardLoad read(Shard shard, String runId) {
    String id = shard.logicalShardId();
    SnapshotSql sql = SnapshotSql.of(shard.sourceType());
    try (Connection connection =
        DriverManager.getConnection(shard.jdbcUrl(), shard.jdbcProperties())) {
      Optional<ResyncFence> fence = sql.checkpoints().readIfPresent(connection, runId, id)
          .flatMap(ResyncFence::of);
      List<TableLoad> tables = new LoadProgressDao(sql).underWay(connection, runId, id);
      return new ShardLoad(id, fence, tables, Optional.empty());
    } catch (SQLException e) {
      return new ShardLoad(id, Optional.empty(), List.of(), Optional.of(e.getMessage()));
    }
  }
}
