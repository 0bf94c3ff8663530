package dev.rr.launcher.bench;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.local.MariaDbServer;
import dev.rr.common.local.PostgresServer;
import dev.rr.common.local.SpannerEmulator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The services the benchmarks run against: the MySQL servers and Spanner emulator given on the
 * command line, or private MariaDB servers, a private PostgreSQL cluster and an emulator started
 * on first use and stopped (their data deleted) when the environment closes.
 */
public final class BenchEnvironment implements AutoCloseable {
  private final List<BenchServer> givenServers;
  private final String givenEmulatorHost;
  private final PrintWriter log;
  private final List<MariaDbServer> startedServers = new ArrayList<>();
  private final Thread stopOnExit = new Thread(this::close, "bench-stop-services");
  private SpannerEmulator startedEmulator;
  private PostgresServer startedPostgres;

  /**
   * @param givenServers MySQL servers to use; empty: start private MariaDB servers
   * @param givenEmulatorHost emulator {@code host:port} to use; empty: start one
   * @param log where to say what was started
   */
  public BenchEnvironment(
      List<BenchServer> givenServers, Optional<String> givenEmulatorHost, PrintWriter log) {
    this.givenServers = List.copyOf(givenServers);
    this.givenEmulatorHost = givenEmulatorHost.orElse(null);
    this.log = log;
    // Ctrl-C or a kill must not leave private servers running: stop them on the way out.
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * {@code count} MySQL servers: the given ones (round-robin when fewer were given), or that many
   * private servers.
   */
  public synchronized List<BenchServer> mysqlServers(int count) {
    List<BenchServer> servers = new ArrayList<>(count);
    if (!givenServers.isEmpty()) {
      for (int i = 0; i < count; i++) {
        servers.add(givenServers.get(i % givenServers.size()));
      }
      return servers;
    }
    while (startedServers.size() < count) {
      MariaDbServer server = MariaDbServer.startTemporary();
      startedServers.add(server);
      log.printf("started private MariaDB %s:%d%n", server.host(), server.port());
      log.flush();
    }
    for (int i = 0; i < count; i++) {
      MariaDbServer server = startedServers.get(i);
      servers.add(new BenchServer(server.host(), server.port(), server.user(), server.password()));
    }
    return servers;
  }

  /**
   * One server of kind {@code target}: a MySQL server ({@link #mysqlServers}), or a private
   * PostgreSQL cluster started on first use.
   */
  public synchronized BenchServer server(SourceType target) {
    if (target == SourceType.MYSQL) {
      return mysqlServers(1).get(0);
    }
    if (startedPostgres == null) {
      startedPostgres = PostgresServer.startTemporary();
      log.printf("started private PostgreSQL %s:%d%n", startedPostgres.host(),
          startedPostgres.port());
      log.flush();
    }
    return new BenchServer(SourceType.POSTGRESQL, startedPostgres.host(), startedPostgres.port(),
        startedPostgres.user(), startedPostgres.password());
  }

  /** The emulator's {@code host:port}: the given one, or a private emulator's. */
  public synchronized String emulatorHost() {
    if (givenEmulatorHost != null) {
      return givenEmulatorHost;
    }
    if (startedEmulator == null) {
      startedEmulator = SpannerEmulator.start();
      log.printf("started Spanner emulator %s%n", startedEmulator.hostPort());
      log.flush();
    }
    return startedEmulator.hostPort();
  }

  @Override
  public synchronized void close() {
    if (Thread.currentThread() != stopOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook is running or ran.
      }
    }
    RuntimeException failure = null;
    List<AutoCloseable> services = new ArrayList<>(startedServers);
    if (startedEmulator != null) {
      services.add(startedEmulator);
    }
    if (startedPostgres != null) {
      services.add(startedPostgres);
    }
    for (AutoCloseable service : services) {
      try {
        service.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("cannot stop " + service, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    startedServers.clear();
    startedEmulator = null;
    startedPostgres = null;
    if (failure != null) {
      throw failure;
    }
  }
}
