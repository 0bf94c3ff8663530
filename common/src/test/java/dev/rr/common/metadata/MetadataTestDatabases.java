package dev.rr.common.metadata;

import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.InstanceConfigId;
import com.google.cloud.spanner.InstanceId;
import com.google.cloud.spanner.InstanceInfo;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.SpannerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh metadata databases on a running Spanner emulator (host from {@code
 * RR_TEST_SPANNER_EMULATOR_HOST}, default {@code localhost:9411}), one per test.
 */
final class MetadataTestDatabases implements AutoCloseable {
  private static final String PROJECT = "rr-local";
  private static final String INSTANCE = "rr-metadata-it";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Spanner spanner;
  // The emulator holds at most 100 databases per instance: drop ours when done.
  private final List<DatabaseId> created = new ArrayList<>();

  MetadataTestDatabases() {
    String host = System.getenv().getOrDefault("RR_TEST_SPANNER_EMULATOR_HOST", "localhost:9411");
    spanner =
        SpannerOptions.newBuilder()
            .setEmulatorHost(host)
            .setProjectId(PROJECT)
            .setBuiltInMetricsEnabled(false)
            .build()
            .getService();
    createInstanceIfMissing();
  }

  Spanner spanner() {
    return spanner;
  }

  /** A database id nobody has used yet (not created; dropped on close if a test creates it). */
  DatabaseId unusedDatabaseId() {
    String name = "md_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    DatabaseId id = DatabaseId.of(PROJECT, INSTANCE, name);
    created.add(id);
    return id;
  }

  /** A new empty database of {@code dialect}. */
  DatabaseId newDatabase(Dialect dialect) {
    DatabaseId id = unusedDatabaseId();
    MetadataStore.createDatabaseIfMissing(spanner.getDatabaseAdminClient(), id, dialect);
    return id;
  }

  /** A store on database {@code id}, retrying what the emulator rejects. */
  MetadataStore store(DatabaseId id, MetadataTables tables) {
    return MetadataStore.open(
        spanner.getDatabaseClient(id),
        spanner.getDatabaseAdminClient(),
        id,
        tables,
        MetadataRetry.forEmulator());
  }

  /** A store on a new database of {@code dialect} whose metadata tables exist. */
  MetadataStore newStore(Dialect dialect, MetadataTables tables) {
    MetadataStore store = store(newDatabase(dialect), tables);
    store.createMissingTables();
    return store;
  }

  private void createInstanceIfMissing() {
    try {
      spanner
          .getInstanceAdminClient()
          .createInstance(
              InstanceInfo.newBuilder(InstanceId.of(PROJECT, INSTANCE))
                  .setInstanceConfigId(InstanceConfigId.of(PROJECT, "emulator-config"))
                  .setDisplayName(INSTANCE)
                  .setNodeCount(1)
                  .build())
          .get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof SpannerException se
          && se.getErrorCode() == ErrorCode.ALREADY_EXISTS)) {
        throw new IllegalStateException("cannot create emulator instance " + INSTANCE, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      for (DatabaseId id : created) {
        try {
          spanner.getDatabaseAdminClient().dropDatabase(INSTANCE, id.getDatabase());
        } catch (SpannerException e) {
          if (e.getErrorCode() != ErrorCode.NOT_FOUND) {
            throw e;
          }
        }
      }
    } finally {
      spanner.close();
    }
  }
}
