package dev.rr.launcher.quickstart;

import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.local.LocalPorts;
import dev.rr.common.local.MariaDbServer;
import dev.rr.common.local.PostgresServer;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.launcher.quickstart.QuickstartSettings.MySqlEndpoint;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The Spanner emulator and the shard server of a quickstart (MySQL, or PostgreSQL for {@code
 * --target postgresql}): the operator's, or started here and stopped by {@link #close()} - or by
 * a shutdown hook when the JVM ends early (Ctrl-C, kill), since they are separate processes that
 * would otherwise outlive it.
 */
final class QuickstartServices implements AutoCloseable {
  static final String PROJECT = SpannerEmulator.DEFAULT_PROJECT;
  static final String INSTANCE = SpannerEmulator.DEFAULT_INSTANCE;

  private final Thread stopOnExit = new Thread(this::stopServices, "rr-quickstart-stop-services");
  private SpannerEmulator emulator;
  private MariaDbServer mariaDb;
  private PostgresServer postgres;
  private String emulatorHost;
  private ShardServer shardServer;
  private boolean stopped;

  private QuickstartServices() {}

  /**
   * Starts what {@code settings} does not provide; MariaDB keeps its data under {@code dataDir},
   * a PostgreSQL cluster lives in a temporary directory (its server user must reach it) deleted
   * when it stops.
   */
  static QuickstartServices start(QuickstartSettings settings, Path dataDir, PrintWriter out) {
    QuickstartServices services = new QuickstartServices();
    // Registered before anything starts, so a service started mid-way is stopped too.
    Runtime.getRuntime().addShutdownHook(services.stopOnExit);
    try {
      services.startEmulator(settings, out);
      if (settings.target() == SourceType.POSTGRESQL) {
        services.startPostgres(out);
      } else {
        services.startMySql(settings, dataDir, out);
      }
      out.flush();
      return services;
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  private void startEmulator(QuickstartSettings settings, PrintWriter out) {
    String host;
    if (settings.emulatorHost().isPresent()) {
      host = settings.emulatorHost().get();
      out.printf("  Spanner emulator: using %s%n", host);
    } else {
      SpannerEmulator started = SpannerEmulator.start();
      synchronized (this) {
        emulator = started;
      }
      host = started.hostPort();
      out.printf("  Spanner emulator: started on %s%n", host);
    }
    out.flush();
    try (Spanner spanner = SpannerEmulator.connect(host, PROJECT)) {
      SpannerEmulator.createInstance(spanner, PROJECT, INSTANCE);
    }
    synchronized (this) {
      emulatorHost = host;
    }
  }

  private void startMySql(QuickstartSettings settings, Path dataDir, PrintWriter out) {
    MySqlEndpoint endpoint;
    if (settings.mysql().isPresent()) {
      endpoint = settings.mysql().get();
      out.printf("  MySQL: using %s:%d%n", endpoint.host(), endpoint.port());
    } else {
      MariaDbServer started = MariaDbServer.startIn(dataDir, LocalPorts.freePort());
      synchronized (this) {
        mariaDb = started;
      }
      endpoint = new MySqlEndpoint(started.host(), started.port(), started.user(), started.password());
      out.printf("  MariaDB: started on %s:%d (data %s)%n", started.host(), started.port(), dataDir);
    }
    synchronized (this) {
      shardServer = new ShardServer(SourceType.MYSQL, endpoint.host(), endpoint.port(),
          endpoint.user(), endpoint.password());
    }
  }

  private void startPostgres(PrintWriter out) {
    PostgresServer started = PostgresServer.startTemporary();
    synchronized (this) {
      postgres = started;
      shardServer = new ShardServer(SourceType.POSTGRESQL, started.host(), started.port(),
          started.user(), started.password());
    }
    out.printf("  PostgreSQL: started on %s:%d (data %s)%n", started.host(), started.port(),
        started.dataDir());
  }

  synchronized String emulatorHost() {
    return emulatorHost;
  }

  /** The server holding the shard databases. */
  synchronized ShardServer shardServer() {
    return shardServer;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; stopping twice is harmless.
    }
    stopServices();
  }

  private synchronized void stopServices() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (mariaDb != null) {
      mariaDb.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }
}
