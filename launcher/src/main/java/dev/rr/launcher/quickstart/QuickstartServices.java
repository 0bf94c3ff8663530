package dev.rr.launcher.quickstart;

import com.google.cloud.spanner.Spanner;
import dev.rr.common.local.LocalPorts;
import dev.rr.common.local.MariaDbServer;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.launcher.quickstart.QuickstartSettings.MySqlEndpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Spanner emulator and the MySQL server of a quickstart: the operator's, or started here and
 * stopped by {@link #close()}.
 */
final class QuickstartServices implements AutoCloseable {
  static final String PROJECT = SpannerEmulator.DEFAULT_PROJECT;
  static final String INSTANCE = SpannerEmulator.DEFAULT_INSTANCE;

  private final SpannerEmulator emulator;
  private final MariaDbServer mariaDb;
  private final String emulatorHost;
  private final MySqlEndpoint mysql;

  private QuickstartServices(SpannerEmulator emulator, MariaDbServer mariaDb, String emulatorHost,
      MySqlEndpoint mysql) {
    this.emulator = emulator;
    this.mariaDb = mariaDb;
    this.emulatorHost = emulatorHost;
    this.mysql = mysql;
  }

  /** Starts what {@code settings} does not provide; MariaDB keeps its data under {@code dataDir}. */
  static QuickstartServices start(QuickstartSettings settings, Path dataDir, PrintWriter out) {
    SpannerEmulator emulator = null;
    MariaDbServer mariaDb = null;
    try {
      String host;
      if (settings.emulatorHost().isPresent()) {
        host = settings.emulatorHost().get();
        out.printf("  Spanner emulator: using %s%n", host);
      } else {
        emulator = SpannerEmulator.start();
        host = emulator.hostPort();
        out.printf("  Spanner emulator: started on %s%n", host);
      }
      try (Spanner spanner = SpannerEmulator.connect(host, PROJECT)) {
        SpannerEmulator.createInstance(spanner, PROJECT, INSTANCE);
      }
      MySqlEndpoint endpoint;
      if (settings.mysql().isPresent()) {
        endpoint = settings.mysql().get();
        out.printf("  MySQL: using %s:%d%n", endpoint.host(), endpoint.port());
      } else {
        mariaDb = MariaDbServer.startIn(dataDir, LocalPorts.freePort());
        endpoint = new MySqlEndpoint(mariaDb.host(), mariaDb.port(), mariaDb.user(), mariaDb.password());
        out.printf("  MariaDB: started on %s:%d (data %s)%n", mariaDb.host(), mariaDb.port(), dataDir);
      }
      out.flush();
      return new QuickstartServices(emulator, mariaDb, host, endpoint);
    } catch (RuntimeException e) {
      if (mariaDb != null) {
        mariaDb.close();
      }
      if (emulator != null) {
        emulator.close();
      }
      throw e;
    }
  }

  String emulatorHost() {
    return emulatorHost;
  }

  MySqlEndpoint mysql() {
    return mysql;
  }

  /** The private MariaDB, when the quickstart started one. */
  Optional<MariaDbServer> mariaDb() {
    return Optional.ofNullable(mariaDb);
  }

  @Override
  public void close() {
    if (mariaDb != null) {
      mariaDb.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }
}
