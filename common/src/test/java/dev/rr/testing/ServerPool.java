package dev.rr.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers of one kind shared by all tests of a JVM: started on first use, started again before
 * a test when an earlier test left one stopped, and closed by JUnit's root store at the end of the
 * run (or at exit). The database extensions ({@link MySqlExtension}, {@link PostgresExtension}) hand
 * them out.
 */
abstract class ServerPool<S> implements ExtensionContext.Store.CloseableResource {

  private final List<S> servers = new ArrayList<>();

  ServerPool(String shutdownThreadName) {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, shutdownThreadName));
  }

  /** A new server of this kind (the first call may choose how servers are provided). */
  abstract S newServer();

  /** Whether the server is stopped and can be started again. */
  abstract boolean isStoppedAndRestartable(S server);

  abstract void start(S server);

  /** Stops and deletes {@code servers} (every server this pool started). */
  abstract void closeAll(List<S> servers);

  /** Makes JUnit close the pool at the end of the run. */
  final void registerCleanup(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()))
        .getOrComputeIfAbsent(getClass(), k -> this);
  }

  /** Server {@code index} (0-based), starting servers up to it when needed. */
  final synchronized S server(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("server index must be >= 0: " + index);
    }
    while (servers.size() <= index) {
      servers.add(newServer());
    }
    return servers.get(index);
  }

  /** Heals what an earlier (possibly failed) test left stopped. */
  final synchronized void startStopped() {
    for (S server : servers) {
      if (isStoppedAndRestartable(server)) {
        start(server);
      }
    }
  }

  @Override
  public final synchronized void close() {
    closeAll(List.copyOf(servers));
    servers.clear();
  }

  /** The JUnit callbacks of an extension handing out servers of {@code pool}. */
  abstract static class Extension implements BeforeAllCallback, BeforeEachCallback {

    abstract ServerPool<?> pool();

    @Override
    public final void beforeAll(ExtensionContext context) {
      pool().registerCleanup(context);
    }

    @Override
    public final void beforeEach(ExtensionContext context) {
      pool().registerCleanup(context);
      pool().startStopped();
    }
  }
}
