package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The module's flex-template jar ({@code <artifact>-flex.jar}, built by {@code mvn package}),
 * started in its own JVM the way Dataflow's launcher starts it: {@code java -cp <jar> <main>}.
 * Failsafe names the jar in the system property {@code rr.shadedJar}.
 */
public final class ShadedJar {
  private static final long TIMEOUT_SECONDS = 120;

  private final Path jar;

  private ShadedJar(Path jar) {
    this.jar = jar;
  }

  /**
   * The jar this module built; aborts the test when the build skipped it ({@code
   * -Drr.skipShade=true}), fails it when the jar is missing otherwise.
   */
  public static ShadedJar ofThisModule() {
    assumeFalse(Boolean.getBoolean("rr.skipShade"), "built with -Drr.skipShade=true");
    String path = System.getProperty("rr.shadedJar");
    assertTrue(path != null, "failsafe sets rr.shadedJar");
    Path jar = Paths.get(path);
    assertTrue(Files.isRegularFile(jar), jar + " was built by mvn package");
    return new ShadedJar(jar);
  }

  /** What one run printed (stdout and stderr, interleaved) and its exit code. */
  public record Run(int exitCode, String output) {}

  /** Runs {@code mainClass} from the jar alone (no test class path), with {@code args}. */
  public Run run(String mainClass, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", jar.toString(), mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPANNER_DISABLE_BUILTIN_METRICS", "true");
    Process process = builder.start();
    // Read before waiting: a full pipe would block the child.
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not exit within " + TIMEOUT_SECONDS + " s");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
