package dev.rr.testing;

import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.spanner.SpannerRetry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving tests the Cloud Spanner emulator: one per test JVM, started on first
 * use and stopped when the test run ends, or the one at {@code SPANNER_EMULATOR_HOST} when that is
 * set. It creates the instance; each {@link #newDatabase} is a fresh database on it, dropped
 * after the test (or, when made in {@code @BeforeAll}, after the class): the emulator holds at
 * most 100 databases per instance.
 *
 * <pre>{@code
 * @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();
 *
 * @Test void shouldReadBackWhatWasWritten() {
 *   SpannerTestDatabase db = spanner.newDatabase("CREATE TABLE t (k INT64) PRIMARY KEY (k)");
 *   db.write(Mutation.newInsertBuilder("t").set("k").to(1).build());
 *   SpannerConfig beamConfig = db.spannerConfig();
 * }
 * }</pre>
 */
public final class SpannerEmulatorExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  /** Set it to use an emulator that is already running instead of starting one. */
  public static final String EMULATOR_HOST_ENV = "SPANNER_EMULATOR_HOST";
  public static final String PROJECT_ID = "rr-test";
  public static final String INSTANCE_ID = "rr-test-instance";

  private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
  private static final String RUN_TAG = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));

  /** Databases made in the current class scope (bottom) and test scope (top), dropped when it ends. */
  private final Deque<List<SpannerTestDatabase>> scopes = new ArrayDeque<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    SharedEmulator.INSTANCE.registerCleanup(context);
    openScope();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    SharedEmulator.INSTANCE.registerCleanup(context);
    openScope();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeScope();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeScope();
  }

  /** {@code host:port} of the emulator, for {@code SpannerConfig.withEmulatorHost} and the client. */
  public String emulatorHost() {
    return SharedEmulator.INSTANCE.emulatorHost();
  }

  public String projectId() {
    return PROJECT_ID;
  }

  /** The instance new databases go to (another one once it holds 100 databases). */
  public String instanceId() {
    return SharedEmulator.INSTANCE.instanceId();
  }

  /** The shared client for the emulator (do not close it). */
  public Spanner spanner() {
    return SharedEmulator.INSTANCE.spanner();
  }

  /** The retry policy for the emulator's one-transaction-at-a-time rejections. */
  public SpannerRetry retry() {
    return SpannerRetry.forEmulator();
  }

  /** A new empty database with {@code ddl} applied (GoogleSQL). */
  public SpannerTestDatabase newDatabase(String... ddl) {
    return newDatabase(Arrays.asList(ddl));
  }

  /** A new empty database with {@code ddl} applied (GoogleSQL). */
  public SpannerTestDatabase newDatabase(List<String> ddl) {
    return newDatabase(Dialect.GOOGLE_STANDARD_SQL, ddl);
  }

  /** A new empty PostgreSQL-dialect database with {@code ddl} (PostgreSQL DDL) applied. */
  public SpannerTestDatabase newPostgresDatabase(String... ddl) {
    return newDatabase(Dialect.POSTGRESQL, Arrays.asList(ddl));
  }

  private SpannerTestDatabase newDatabase(Dialect dialect, List<String> ddl) {
    // 2-30 characters, starting with a letter: unique per JVM (counter) and across JVMs (run tag).
    String databaseId = "db_" + RUN_TAG + "_" + DATABASE_COUNTER.incrementAndGet();
    String instanceId = SharedEmulator.INSTANCE.createDatabase(databaseId, dialect, ddl);
    SpannerTestDatabase database = new SpannerTestDatabase(spanner(), emulatorHost(), PROJECT_ID, instanceId, databaseId);
    synchronized (scopes) {
      if (!scopes.isEmpty()) {
        scopes.peek().add(database);
      }
    }
    return database;
  }

  private void openScope() {
    synchronized (scopes) {
      scopes.push(new ArrayList<>());
    }
  }

  private void closeScope() {
    List<SpannerTestDatabase> made;
    synchronized (scopes) {
      made = scopes.isEmpty() ? List.of() : scopes.pop();
    }
    made.forEach(db -> SharedEmulator.INSTANCE.dropQuietly(db.instanceId(), db.databaseId()));
  }
}
