package dev.rr.common.metadata;

import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.testing.SpannerEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh metadata databases of either dialect on the shared test emulator ({@link
 * SpannerEmulatorExtension} makes GoogleSQL databases only), dropped again by {@link #dropAll()}
 * because the emulator holds at most 100 databases per instance. A JUnit extension for the
 * metadata ITs: register it as a static {@code @RegisterExtension} field; it brings up the emulator
 * through its own {@link SpannerEmulatorExtension} and drops its databases after the class.
 */
final class MetadataTestDatabases
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final SpannerEmulatorExtension emulator;
  private final List<DatabaseId> used = new ArrayList<>();

  MetadataTestDatabases() {
    this.emulator = new SpannerEmulatorExtension();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator.beforeAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    emulator.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    emulator.afterEach(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      dropAll();
    } finally {
      emulator.afterAll(context);
    }
  }

  Spanner spanner() {
    return emulator.spanner();
  }

  /** A database id nobody has used yet; not created, but dropped by {@link #dropAll()}. */
  synchronized DatabaseId unusedDatabaseId() {
    // 2-30 characters, starting with a letter; the pid keeps JVMs sharing an emulator apart.
    String name = "md_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    DatabaseId id = DatabaseId.of(emulator.projectId(), emulator.instanceId(), name);
    used.add(id);
    return id;
  }

  /** A new empty database of {@code dialect}. */
  DatabaseId newDatabase(Dialect dialect) {
    DatabaseId id = unusedDatabaseId();
    MetadataStore.createDatabaseIfMissing(spanner().getDatabaseAdminClient(), id, dialect);
    return id;
  }

  /** A store on database {@code id} that retries what the emulator rejects. */
  MetadataStore store(DatabaseId id, MetadataTables tables) {
    return MetadataStore.connect(spanner(), id, tables, SpannerRetry.forEmulator());
  }

  /** A store on a new database of {@code dialect} whose metadata tables exist. */
  MetadataStore newStore(Dialect dialect, MetadataTables tables) {
    MetadataStore store = store(newDatabase(dialect), tables);
    store.createMissingTables();
    return store;
  }

  /** Drops every database handed out so far. */
  synchronized void dropAll() {
    for (DatabaseId id : used) {
      try {
        spanner().getDatabaseAdminClient().dropDatabase(emulator.instanceId(), id.getDatabase());
      } catch (SpannerException e) {
        if (e.getErrorCode() != ErrorCode.NOT_FOUND) {
          throw e;
        }
      }
    }
    used.clear();
  }
}
