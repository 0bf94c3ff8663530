package dev.rr.testing;

import com.google.cloud.spanner.Spanner;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.common.spanner.SpannerRetry;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving tests the Cloud Spanner emulator: one per test JVM, started on first
 * use and stopped when the test run ends, or the one at {@code SPANNER_EMULATOR_HOST} when that is
 * set. It creates the instance; each {@link #newDatabase} is a fresh database on it.
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
public final class SpannerEmulatorExtension implements BeforeAllCallback, BeforeEachCallback {

  /** Set it to use an emulator that is already running instead of starting one. */
  public static final String EMULATOR_HOST_ENV = "SPANNER_EMULATOR_HOST";
  public static final String PROJECT_ID = "rr-test";
  public static final String INSTANCE_ID = "rr-test-instance";

  private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
  private static final String RUN_TAG = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));

  @Override
  public void beforeAll(ExtensionContext context) {
    EmulatorHolder.INSTANCE.registerCleanup(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    EmulatorHolder.INSTANCE.registerCleanup(context);
  }

  /** {@code host:port} of the emulator, for {@code SpannerConfig.withEmulatorHost} and the client. */
  public String emulatorHost() {
    return EmulatorHolder.INSTANCE.emulatorHost();
  }

  public String projectId() {
    return PROJECT_ID;
  }

  public String instanceId() {
    return INSTANCE_ID;
  }

  /** The shared client for the emulator (do not close it). */
  public Spanner spanner() {
    return EmulatorHolder.INSTANCE.spanner();
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
    Spanner spanner = spanner();
    // 2-30 characters, starting with a letter: unique per JVM (counter) and across JVMs (run tag).
    String databaseId = "db_" + RUN_TAG + "_" + DATABASE_COUNTER.incrementAndGet();
    retry().createDatabase(spanner.getDatabaseAdminClient(), INSTANCE_ID, databaseId, ddl);
    return new SpannerTestDatabase(spanner, emulatorHost(), PROJECT_ID, INSTANCE_ID, databaseId);
  }

  /** The JVM-wide emulator and client; closed by the root store at the end of the run, or at exit. */
  static final class EmulatorHolder implements ExtensionContext.Store.CloseableResource {

    static final EmulatorHolder INSTANCE = new EmulatorHolder();
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(SpannerEmulatorExtension.class);

    private SpannerEmulator emulator;
    private String emulatorHost;
    private Spanner spanner;

    private EmulatorHolder() {
      Runtime.getRuntime().addShutdownHook(new Thread(this::close, "rr-spanner-emulator-shutdown"));
    }

    void registerCleanup(ExtensionContext context) {
      context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EmulatorHolder.class, k -> this);
    }

    synchronized String emulatorHost() {
      ensureStarted();
      return emulatorHost;
    }

    synchronized Spanner spanner() {
      ensureStarted();
      return spanner;
    }

    private void ensureStarted() {
      if (spanner != null) {
        return;
      }
      String external = System.getenv(EMULATOR_HOST_ENV);
      if (external != null && !external.isBlank()) {
        emulatorHost = external.trim();
      } else {
        emulator = SpannerEmulator.start();
        emulatorHost = emulator.hostPort();
      }
      spanner = SpannerEmulator.connect(emulatorHost, PROJECT_ID);
      SpannerEmulator.createInstance(spanner, PROJECT_ID, INSTANCE_ID);
    }

    @Override
    public synchronized void close() {
      if (spanner != null) {
        spanner.close();
        spanner = null;
      }
      if (emulator != null) {
        emulator.close();
        emulator = null;
      }
    }
  }
}
