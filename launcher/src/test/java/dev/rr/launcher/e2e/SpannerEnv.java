package dev.rr.launcher.e2e;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.spanner.SpannerRetry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Spanner emulator the suite replicates from: the JVM's shared one, or one started with fault
 * injection for a single scenario.
 *
 * @param emulatorHost {@code host:port} of the emulator
 * @param spanner a client for it (owned by whoever made this)
 * @param projectId project of the instance
 * @param instanceId instance holding the scenario databases
 */
record SpannerEnv(String emulatorHost, Spanner spanner, String projectId, String instanceId) {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** A new database name, unique in this JVM (2-30 characters, starting with a letter). */
  static String newDatabaseName(String prefix) {
    return prefix + "_" + ProcessHandle.current().pid() % 100_000 + "_" + DATABASES.incrementAndGet();
  }

  /** Creates database {@code name} with {@code ddl}, retrying what the emulator rejects while busy. */
  void createDatabase(String name, List<String> ddl) {
    SpannerRetry.forEmulator().withMaxAttempts(20)
        .createDatabase(spanner.getDatabaseAdminClient(), instanceId, name, ddl);
  }

  DatabaseClient client(String database) {
    return spanner.getDatabaseClient(DatabaseId.of(projectId, instanceId, database));
  }
}
