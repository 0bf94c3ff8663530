package dev.rr.common.local;

import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.InstanceConfigId;
import com.google.cloud.spanner.InstanceId;
import com.google.cloud.spanner.InstanceInfo;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.SpannerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed Cloud Spanner emulator ({@code emulator_main}) running as a child process on a free
 * loopback port. Nothing persists across a restart: instances and databases live in its memory.
 *
 * <pre>{@code
 * try (SpannerEmulator emulator = SpannerEmulator.start();
 *      Spanner spanner = SpannerEmulator.connect(emulator.hostPort(), "rr-local")) {
 *   SpannerEmulator.createInstance(spanner, "rr-local", "rr-instance");
 * }
 * }</pre>
 */
public final class SpannerEmulator implements AutoCloseable {

  /** Environment variable naming the emulator binary; overrides the gcloud SDK location. */
  public static final String BIN_ENV = "RR_SPANNER_EMULATOR_BIN";
  /** Project id used for local work when none is given. */
  public static final String DEFAULT_PROJECT = "rr-local";
  /** Instance id used for local work when none is given. */
  public static final String DEFAULT_INSTANCE = "rr-instance";
  /** The only instance config the emulator knows. */
  public static final String EMULATOR_CONFIG = "emulator-config";

  /** Where gcloud's Debian package puts the SDK; used when {@code gcloud info} does not answer. */
  public static final String FALLBACK_SDK_ROOT = "/usr/lib/google-cloud-sdk";
  private static final Path BINARY_IN_SDK = Paths.get("bin", "cloud_spanner_emulator", "emulator_main");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  /** The emulator keeps nothing worth a long clean shutdown (SIGTERM takes ~1.2 s). */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int MAX_START_ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(SpannerEmulator.class);

  private final LocalProcess process;
  private final int port;
  private final Path logFile;

  private SpannerEmulator(LocalProcess process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  /** Starts the installed emulator on a free loopback port and waits until it accepts connections. */
  public static SpannerEmulator start() {
    return start(List.of());
  }

  /**
   * Starts the installed emulator with further command-line flags (e.g. {@code
   * --enable_fault_injection}, which aborts commits at random so that callers' retries are
   * exercised) on a free loopback port, and waits until it accepts connections.
   */
  public static SpannerEmulator start(List<String> extraFlags) {
    Path binary = locateBinary();
    LocalServiceException last = null;
    // A free port can be taken by another process before the emulator binds it: retry on a new one.
    for (int attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
      try {
        return start(binary, LocalPorts.freePort(), extraFlags);
      } catch (ExitedDuringStartException e) {
        last = e;
        LOG.warn("[spanner-emulator] start attempt {} failed: {}", attempt, e.getMessage());
      }
    }
    throw last;
  }

  /** Starts {@code binary} on {@code port} and waits until it accepts connections. */
  public static SpannerEmulator start(Path binary, int port) {
    return start(binary, port, List.of());
  }

  /** Starts {@code binary} on {@code port} with {@code extraFlags} and waits until it accepts connections. */
  public static SpannerEmulator start(Path binary, int port, List<String> extraFlags) {
    Path logFile = newLogFile();
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--host_port=localhost:" + port));
    command.addAll(extraFlags);
    LocalProcess process = LocalProcess.start("Spanner emulator", command, logFile);
    try {
      LocalPorts.awaitListening("Spanner emulator " + binary, process, "localhost", port, STARTUP_TIMEOUT);
    } catch (LocalServiceException e) {
      process.stop();
      throw e;
    }
    LOG.info("[spanner-emulator] pid {} listening on localhost:{} (log {})", process.pid(), port, logFile);
    return new SpannerEmulator(process, port, logFile);
  }

  /**
   * The emulator binary: {@value #BIN_ENV} when set, else {@code emulator_main} under the gcloud SDK
   * root ({@code gcloud info}), else under {@value #FALLBACK_SDK_ROOT}.
   *
   * @throws LocalServiceException naming the path tried and the environment variable
   */
  public static Path locateBinary() {
    return locateBinary(System.getenv(BIN_ENV), SpannerEmulator::gcloudSdkRoot);
  }

  static Path locateBinary(String override, Supplier<Path> sdkRoot) {
    if (override != null && !override.isBlank()) {
      Path path = Paths.get(override);
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new LocalServiceException(
            "Cloud Spanner emulator not found: " + BIN_ENV + "=" + override + " is not an executable file.");
      }
      return path;
    }
    Path path = sdkRoot.get().resolve(BINARY_IN_SDK);
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new LocalServiceException(
          "Cloud Spanner emulator not found at " + path + ". Install it with `gcloud components install"
              + " cloud-spanner-emulator` (or the Debian package google-cloud-cli-spanner-emulator),"
              + " or set " + BIN_ENV + " to the path of emulator_main.");
    }
    return path;
  }

  /** A Spanner client for the emulator at {@code hostPort}, with built-in metrics off. */
  public static Spanner connect(String hostPort, String projectId) {
    return SpannerOptions.newBuilder()
        .setEmulatorHost(hostPort)
        .setProjectId(projectId)
        .setBuiltInMetricsEnabled(false)
        .build()
        .getService();
  }

  /** Creates instance {@code instanceId} on the emulator; an existing instance is kept as it is. */
  public static void createInstance(Spanner spanner, String projectId, String instanceId) {
    InstanceInfo info = InstanceInfo.newBuilder(InstanceId.of(projectId, instanceId))
        .setInstanceConfigId(InstanceConfigId.of(projectId, EMULATOR_CONFIG))
        .setDisplayName(instanceId)
        .setNodeCount(1)
        .build();
    try {
      spanner.getInstanceAdminClient().createInstance(info).get(1, TimeUnit.MINUTES);
    } catch (SpannerException e) {
      if (e.getErrorCode() != ErrorCode.ALREADY_EXISTS) {
        throw e;
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof SpannerException se && se.getErrorCode() == ErrorCode.ALREADY_EXISTS)) {
        throw new LocalServiceException("cannot create emulator instance " + instanceId, e.getCause());
      }
    } catch (TimeoutException e) {
      throw new LocalServiceException("creating emulator instance " + instanceId + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalServiceException("interrupted while creating emulator instance " + instanceId, e);
    }
  }

  /** {@code localhost:<port>}: the value for {@code setEmulatorHost} and {@code SPANNER_EMULATOR_HOST}. */
  public String hostPort() {
    return "localhost:" + port;
  }

  public int port() {
    return port;
  }

  /** The file receiving the emulator's output. */
  public Path logFile() {
    return logFile;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the emulator (SIGTERM, then SIGKILL after a grace period). Everything it held is lost. */
  public void stop() {
    process.stop(STOP_GRACE);
    LOG.info("[spanner-emulator] stopped localhost:{}", port);
  }

  /** Stops the emulator and deletes its log file. */
  @Override
  public void close() {
    stop();
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      LOG.warn("[spanner-emulator] cannot delete log {}", logFile, e);
    }
  }

  private static Path gcloudSdkRoot() {
    try {
      Process gcloud = new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
          .redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (gcloud.waitFor(1, TimeUnit.MINUTES) && gcloud.exitValue() == 0 && !out.isEmpty()) {
        return Paths.get(out);
      }
      gcloud.destroyForcibly();
    } catch (IOException e) {
      LOG.debug("[spanner-emulator] gcloud not usable, trying {}", FALLBACK_SDK_ROOT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalServiceException("interrupted while asking gcloud for its SDK root", e);
    }
    return Paths.get(FALLBACK_SDK_ROOT);
  }

  private static Path newLogFile() {
    try {
      return Files.createTempFile("rr-spanner-emulator-", ".log");
    } catch (IOException e) {
      throw new LocalServiceException("cannot create a log file for the Spanner emulator", e);
    }
  }
}
