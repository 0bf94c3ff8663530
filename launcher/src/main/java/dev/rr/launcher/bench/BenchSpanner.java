package dev.rr.launcher.bench;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.InstanceConfigId;
import com.google.cloud.spanner.InstanceId;
import com.google.cloud.spanner.InstanceInfo;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.SpannerOptions;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Spanner emulator the reader and lag benchmarks use: an instance on it, and fresh databases
 * holding the benchmark schema.
 */
public final class BenchSpanner implements AutoCloseable {
  /** Project id used on the emulator. */
  public static final String PROJECT = "rr-bench";
  /** Instance id used on the emulator. */
  public static final String INSTANCE = "rr-bench";

  private final String emulatorHost;
  private final Spanner spanner;

  private BenchSpanner(String emulatorHost) {
    this.emulatorHost = emulatorHost;
    this.spanner =
        SpannerOptions.newBuilder()
            .setEmulatorHost(emulatorHost)
            .setProjectId(PROJECT)
            .setBuiltInMetricsEnabled(false)
            .build()
            .getService();
  }

  /** Connects to the emulator at {@code emulatorHost} and creates the instance if missing. */
  public static BenchSpanner connect(String emulatorHost) {
    BenchSpanner bench = new BenchSpanner(emulatorHost);
    bench.createInstance();
    return bench;
  }

  /** {@code host:port} of the emulator. */
  public String emulatorHost() {
    return emulatorHost;
  }

  /** The client. */
  public Spanner spanner() {
    return spanner;
  }

  /** Creates database {@code name} with {@code ddl} and returns a client for it. */
  public DatabaseClient createDatabase(String name, List<String> ddl) {
    try {
      spanner.getDatabaseAdminClient().createDatabase(INSTANCE, name, ddl).get(5, TimeUnit.MINUTES);
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

  /** A client for existing database {@code name}. */
  public DatabaseClient client(String name) {
    return spanner.getDatabaseClient(DatabaseId.of(PROJECT, INSTANCE, name));
  }

  @Override
  public void close() {
    spanner.close();
  }

  private void createInstance() {
    InstanceInfo info =
        InstanceInfo.newBuilder(InstanceId.of(PROJECT, INSTANCE))
            .setInstanceConfigId(InstanceConfigId.of(PROJECT, "emulator-config"))
            .setDisplayName(INSTANCE)
            .setNodeCount(1)
            .build();
    try {
      spanner.getInstanceAdminClient().createInstance(info).get(1, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof SpannerException se
          && se.getErrorCode() == ErrorCode.ALREADY_EXISTS)) {
        throw new IllegalStateException("cannot create emulator instance " + INSTANCE, e.getCause());
      }
    } catch (SpannerException e) {
      if (e.getErrorCode() != ErrorCode.ALREADY_EXISTS) {
        throw e;
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating emulator instance " + INSTANCE + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating instance " + INSTANCE, e);
    }
  }
}
