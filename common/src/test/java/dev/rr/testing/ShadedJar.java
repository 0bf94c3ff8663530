package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    for (String metrics : List.of("SPANNER_DISABLE_BUILTIN_METRICS",
        "SPANNER_DISABLE_GRPC_GCP_OTEL_METRICS", "SPANNER_DISABLE_DIRECT_ACCESS_GRPC_BUILTIN_METRICS")) {
      builder.environment().put(metrics, "true");
    }
    Process process = builder.start();
    // Read before waiting: a full pipe would block the child.
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not exit within " + TIMEOUT_SECONDS + " s");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code mainClass} as Dataflow starts it, with an invalid option, and checks that the
   * refusal, tagged {@code [tag]}, is logged through the jar's one SLF4J provider (slf4j-jdk14's
   * format, java.util.logging's SimpleFormatter, not slf4j-simple's) and that the jar carries the
   * Dataflow runner.
   */
  public void assertLogsInvalidOptions(String mainClass, String tag) throws IOException, InterruptedException {
    Run run = run(mainClass, "--runner=DataflowRunner", "--windowDuration=soon");

    String output = run.output();
    assertNotEquals(0, run.exitCode(), output);
    assertTrue(output.contains("[" + tag + "] invalid options, not started:"), output);
    assertTrue(output.contains("windowDuration"), output);
    assertTrue(output.contains("SEVERE: [" + tag + "] invalid options"), output);
    assertFalse(output.contains("No SLF4J providers were found"), output);
    assertFalse(output.contains("multiple SLF4J providers"), output);
    assertFalse(output.contains("Unknown 'runner' specified"), output);
  }
}
