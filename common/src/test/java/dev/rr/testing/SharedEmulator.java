package dev.rr.testing;

import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.common.spanner.SpannerRetry;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator and client shared by every test of a JVM: started on first use, closed by JUnit's
 * root store at the end of the run (or at JVM exit). Like Spanner, the emulator allows 100
 * databases per instance; when an instance is full, databases go to a new instance.
 */
final class SharedEmulator implements ExtensionContext.Store.CloseableResource {

  static final SharedEmulator INSTANCE = new SharedEmulator();
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedEmulator.class);
  private static final Logger LOG = LoggerFactory.getLogger(SharedEmulator.class);

  private SpannerEmulator emulator;
  private String emulatorHost;
  private Spanner spanner;
  private int instanceNumber = 1;

  private SharedEmulator() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "rr-spanner-emulator-shutdown"));
  }

  void registerCleanup(ExtensionContext context) {
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedEmulator.class, k -> this);
  }

  synchronized String emulatorHost() {
    ensureStarted();
    return emulatorHost;
  }

  synchronized Spanner spanner() {
    ensureStarted();
    return spanner;
  }

  /** The instance new databases go to. */
  synchronized String instanceId() {
    ensureStarted();
    return instanceId(instanceNumber);
  }

  /** Creates {@code databaseId} in {@code dialect} with {@code ddl}; returns the instance that holds it. */
  String createDatabase(String databaseId, Dialect dialect, List<String> ddl) {
    String instance = instanceId();
    try {
      SpannerRetry.forEmulator().createDatabase(spanner.getDatabaseAdminClient(), instance, databaseId, dialect, ddl);
      return instance;
    } catch (SpannerException e) {
      if (e.getErrorCode() != ErrorCode.RESOURCE_EXHAUSTED) {
        throw e;
      }
      String next = nextInstance(instance);
      SpannerRetry.forEmulator().createDatabase(spanner.getDatabaseAdminClient(), next, databaseId, dialect, ddl);
      return next;
    }
  }

  /** Drops {@code databaseId}; a failure is only logged, since the test itself is over. */
  void dropQuietly(String instanceId, String databaseId) {
    try {
      SpannerRetry.forEmulator().withMaxAttempts(5)
          .run("drop " + databaseId, () -> spanner().getDatabaseAdminClient().dropDatabase(instanceId, databaseId));
    } catch (SpannerException e) {
      LOG.warn("[spanner-test] cannot drop test database {}/{}", instanceId, databaseId, e);
    }
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

  private synchronized String nextInstance(String full) {
    if (instanceId(instanceNumber).equals(full)) {
      instanceNumber++;
      SpannerEmulator.createInstance(spanner, SpannerEmulatorExtension.PROJECT_ID, instanceId(instanceNumber));
      LOG.info("[spanner-test] instance {} is full, new databases go to {}", full, instanceId(instanceNumber));
    }
    return instanceId(instanceNumber);
  }

  private static String instanceId(int number) {
    return number == 1 ? SpannerEmulatorExtension.INSTANCE_ID : SpannerEmulatorExtension.INSTANCE_ID + "-" + number;
  }

  private void ensureStarted() {
    if (spanner != null) {
      return;
    }
    String external = System.getenv(SpannerEmulatorExtension.EMULATOR_HOST_ENV);
    if (external != null && !external.isBlank()) {
      emulatorHost = external.trim();
    } else {
      emulator = SpannerEmulator.start();
      emulatorHost = emulator.hostPort();
    }
    spanner = SpannerEmulator.connect(emulatorHost, SpannerEmulatorExtension.PROJECT_ID);
    SpannerEmulator.createInstance(spanner, SpannerEmulatorExtension.PROJECT_ID, instanceId(instanceNumber));
  }
}
