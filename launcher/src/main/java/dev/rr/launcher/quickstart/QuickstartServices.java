package dev.rr.launcher.quickstart;

import com.google.cloud.spanner.Spanner;
import dev.rr.common.local.LocalPorts;
import dev.rr.common.local.MariaDbServer;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.launcher.quickstart.QuickstartSettings.MySqlEndpoint;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The Spanner emulator and the MySQL server of a quickstart: the operator's, or started here and
 * stopped by {@link #close()} - or by a shutdown hook when the JVM ends early (Ctrl-C, kill),
 * since they are separate processes that would otherwise outlive it.
 */
final class QuickstartServices implements AutoCloseable {
  static final String PROJECT = SpannerEmulator.DEFAULT_PROJECT;
  static final String INSTANCE = SpannerEmulator.DEFAULT_INSTANCE;

  private final Thread stopOnExit = new Thread(this::stopServices, "rr-quickstart-stop-services");
  private SpannerEmulator emulator;
  private MariaDbServer mariaDb;
  private String emulatorHost;
  private MySqlEndpoint mysql;
  private boolean stopped;

  private QuickstartServices() {}

  /** Starts what {@code settings} does not provide; MariaDB keeps its data under {@code dataDir}. */
  static QuickstartServices start(QuickstartSettings settings, Path dataDir, PrintWriter out) {
    QuickstartServices services = new QuickstartServices();
    // Registered before anything starts, so a service started mid-way is stopped too.
    Runtime.getRuntime().addShutdownHook(services.stopOnExit);
    try {
      services.startEmulator(settings, out);
      services.startMySql(settings, dataDir, out);
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
      mysql = endpoint;
    }
  }

  synchronized String emulatorHost() {
    return emulatorHost;
  }

  synchronized MySqlEndpoint mysql() {
    return mysql;
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
    if (emulator != null) {
      emulator.close();
    }
  }
}
