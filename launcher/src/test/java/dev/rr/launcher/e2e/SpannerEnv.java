package dev.rr.launcher.e2e;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Spanner emulator the suite replicates from: the JVM's shared one (databases made and dropped
 * by {@link SpannerEmulatorExtension}), or one started with fault injection for a single scenario.
 *
 * @param emulatorHost {@code host:port} of the emulator
 * @param spanner a client for it (owned by whoever made this)
 * @param projectId project of the instances
 * @param creator makes a fresh database with the given DDL
 */
record SpannerEnv(String emulatorHost, Spanner spanner, String projectId, Creator creator) {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** A database on the emulator. */
  record Database(String instanceId, String databaseId) {}

  /** Makes a fresh database. */
  @FunctionalInterface
  interface Creator {
    Database create(List<String> ddl);
  }

  /** The JVM's shared emulator; its databases are dropped when the test ends. */
  static SpannerEnv shared(SpannerEmulatorExtension extension) {
    return new SpannerEnv(extension.emulatorHost(), extension.spanner(), extension.projectId(), ddl -> {
      SpannerTestDatabase database = extension.newDatabase(ddl);
      return new Database(database.instanceId(), database.databaseId());
    });
  }

  /** An emulator of the test's own, whose instance {@code instanceId} exists. */
  static SpannerEnv own(String emulatorHost, Spanner spanner, String projectId, String instanceId) {
    return new SpannerEnv(emulatorHost, spanner, projectId, ddl -> {
      String name = "e2e_" + DATABASES.incrementAndGet();
      SpannerRetry.forEmulator().withMaxAttempts(20)
          .createDatabase(spanner.getDatabaseAdminClient(), instanceId, name, ddl);
      return new Database(instanceId, name);
    });
  }

  Database createDatabase(List<String> ddl) {
    return creator.create(ddl);
  }

  DatabaseClient client(Database database) {
    return spanner.getDatabaseClient(DatabaseId.of(projectId, database.instanceId(), database.databaseId()));
  }
}
