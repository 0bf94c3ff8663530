package dev.rr.testing;

import dev.rr.common.local.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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
public final class PostgresExtension implements BeforeAllCallback, BeforeEachCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    Pool.INSTANCE.registerCleanup(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Pool.INSTANCE.registerCleanup(context);
    Pool.INSTANCE.startStopped();
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

  /** The JVM-wide clusters; closed by the root store at the end of the run, or at exit. */
  static final class Pool implements ExtensionContext.Store.CloseableResource {

    static final Pool INSTANCE = new Pool();
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(PostgresExtension.class);

    private final List<PostgresServer> servers = new ArrayList<>();

    private Pool() {
      Runtime.getRuntime().addShutdownHook(new Thread(this::close, "rr-postgres-shutdown"));
    }

    void registerCleanup(ExtensionContext context) {
      context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Pool.class, k -> this);
    }

    synchronized PostgresServer server(int index) {
      if (index < 0) {
        throw new IllegalArgumentException("server index must be >= 0: " + index);
      }
      if (!PostgresServer.isInstalled()) {
        throw new IllegalStateException("No PostgreSQL for integration tests: install it"
            + " (DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; scripts/test.sh does it)");
      }
      while (servers.size() <= index) {
        servers.add(PostgresServer.startTemporary());
      }
      return servers.get(index);
    }

    /** Heals what an earlier (possibly failed) test left stopped. */
    synchronized void startStopped() {
      for (PostgresServer server : servers) {
        if (!server.isRunning()) {
          server.start();
        }
      }
    }

    @Override
    public synchronized void close() {
      servers.forEach(PostgresServer::close);
      servers.clear();
    }
  }
}
