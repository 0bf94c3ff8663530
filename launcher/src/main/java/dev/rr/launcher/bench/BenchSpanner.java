package dev.rr.launcher.bench;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.local.SpannerEmulator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Spanner emulator instance the reader and lag benchmarks use, and fresh databases on it
 * holding the benchmark schema.
 */
public final class BenchSpanner implements AutoCloseable {
  /** Project id used on the emulator by default. */
  public static final String PROJECT = "rr-bench";
  /** Instance id used on the emulator by default. */
  public static final String INSTANCE = "rr-bench";

  private final String emulatorHost;
  private final String project;
  private final String instance;
  private final Spanner spanner;

  private BenchSpanner(String emulatorHost, String project, String instance) {
    this.emulatorHost = emulatorHost;
    this.project = project;
    this.instance = instance;
    this.spanner = SpannerEmulator.connect(emulatorHost, project);
  }

  /** Connects to the emulator at {@code emulatorHost}, creating the default instance if missing. */
  public static BenchSpanner connect(String emulatorHost) {
    return connect(emulatorHost, PROJECT, INSTANCE);
  }

  /** Connects to {@code project}/{@code instance} on the emulator, creating the instance if missing. */
  public static BenchSpanner connect(String emulatorHost, String project, String instance) {
    BenchSpanner bench = new BenchSpanner(emulatorHost, project, instance);
    SpannerEmulator.createInstance(bench.spanner, project, instance);
    return bench;
  }

  /** {@code host:port} of the emulator. */
  public String emulatorHost() {
    return emulatorHost;
  }

  public String project() {
    return project;
  }

  public String instance() {
    return instance;
  }

  /** The client. */
  public Spanner spanner() {
    return spanner;
  }

  /** Creates database {@code name} with {@code ddl} and returns a client for it. */
  public DatabaseClient createDatabase(String name, List<String> ddl) {
    try {
      spanner.getDatabaseAdminClient().createDatabase(instance, name, ddl).get(5, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create database " + name, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating database " + name + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating database " + name, e);
    }
    return client(name);
  }

  /** Drops database {@code name}; the emulator allows only 100 per instance. */
  public void dropDatabase(String name) {
    spanner.getDatabaseAdminClient().dropDatabase(instance, name);
  }

  /** A client for existing database {@code name}. */
  public DatabaseClient client(String name) {
    return spanner.getDatabaseClient(DatabaseId.of(project, instance, name));
  }

  @Override
  public void close() {
    spanner.close();
  }
}
