package dev.rr.testing;

import dev.rr.common.local.PostgresServer;
import java.util.List;

/**
 * JUnit 5 extension giving tests real PostgreSQL servers: private throwaway clusters
 * ({@link PostgresServer}) of the PostgreSQL installed from Debian's {@code postgresql} package.
 * Without it the test fails, saying how to install it; it never skips.
 *
 * <p>Clusters are shared by the tests of one JVM and started on first use; before each test, a
 * cluster that an earlier test left stopped is started again. Each {@link #newDatabase} is a fresh
 * database.
 *
 * <pre>{@code
 * @RegisterExtension static PostgresExtension postgres = new PostgresExtension();
 *
 * @Test void shouldApplyToTwoShards() {
 *   PostgresTestDatabase shard1 = postgres.newDatabase(0);
 *   PostgresTestDatabase shard2 = postgres.newDatabase(1);
 *   postgres.server(1).stop();
 *   ...
 * }
 * }</pre>
 */
public final class PostgresExtension extends ServerPool.Extension {

  @Override
  ServerPool<?> pool() {
    return Pool.INSTANCE;
  }

  /** Cluster {@code index} (0-based), starting clusters up to it when needed. */
  public PostgresServer server(int index) {
    return Pool.INSTANCE.server(index);
  }

  /** A fresh database on cluster {@code index}. */
  public PostgresTestDatabase newDatabase(int index) {
    PostgresServer server = server(index);
    String name = DatabaseNames.next();
    server.createDatabase(name);
    // As the writer connects to a PostgreSQL shard (Shard#jdbcUrl): text parameters untyped.
    return new PostgresTestDatabase(name, server.host(), server.port(),
        server.jdbcUrl(name) + "?stringtype=unspecified", server.user(), server.password());
  }

  /** A fresh database on cluster 0. */
  public PostgresTestDatabase newDatabase() {
    return newDatabase(0);
  }

  /** The JVM-wide clusters. */
  static final class Pool extends ServerPool<PostgresServer> {

    static final Pool INSTANCE = new Pool();

    private Pool() {
      super("rr-postgres-shutdown");
    }

    @Override
    PostgresServer newServer() {
      if (!PostgresServer.isInstalled()) {
        throw new IllegalStateException("No PostgreSQL for integration tests: install it"
            + " (DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; scripts/test.sh does it)");
      }
      return PostgresServer.startTemporary();
    }

    @Override
    boolean isStoppedAndRestartable(PostgresServer server) {
      return !server.isRunning();
    }

    @Override
    void start(PostgresServer server) {
      server.start();
    }

    @Override
    void closeAll(List<PostgresServer> servers) {
      servers.forEach(PostgresServer::close);
    }
  }
}
