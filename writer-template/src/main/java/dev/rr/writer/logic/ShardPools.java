package dev.rr.writer.logic;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rr.common.input.Shard;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HikariCP pool per shard, created on first use. A pool never fails to start when its server
 * is down: connections are attempted when asked for, and a request fails after a short timeout as
 * a transient error the worker retries.
 */
final class ShardPools implements AutoCloseable {
  /** How long a request for a connection waits (also when the server is unreachable). */
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  private final int maxConnections;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

  ShardPools(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  /**
   * The pool of {@code shard}. Once the pools are closed (the runtime is being torn down, e.g. the
   * pipeline was cancelled) a request fails as a transient error: the shard's data is not at
   * fault, so a worker still running must not report the shard as failed.
   */
  ShardConnections connections(Shard shard) {
    HikariDataSource pool = pools.computeIfAbsent(shard.logicalShardId(), id -> open(shard));
    return () -> {
      try {
        return pool.getConnection();
      } catch (SQLException e) {
        if (pool.isClosed()) {
          throw new SQLTransientConnectionException("the connection pool of shard "
              + shard.logicalShardId() + " is closed: the writer is stopping", e);
        }
        throw e;
      }
    };
  }

  private HikariDataSource open(Shard shard) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("rr-writer-" + shard.logicalShardId());
    config.setJdbcUrl(shard.jdbcUrl());
    config.setDataSourceProperties(shard.jdbcProperties());
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setValidationTimeout(Duration.ofSeconds(3).toMillis());
    // Never fail at creation: the shard may be down now and come back later.
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
