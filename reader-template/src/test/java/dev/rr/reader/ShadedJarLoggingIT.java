package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.testing.ShadedJar;
import org.junit.jupiter.api.Test;

/**
 * The reader's flex-template jar, started alone as Dataflow starts it, logs through SLF4J (one
 * provider, java.util.logging) and carries the Dataflow runner.
 */
class ShadedJarLoggingIT {
  @Test
  void shouldLogInvalidOptionsThroughTheJarsOwnSlf4jProvider() throws Exception {
    ShadedJar.Run run = ShadedJar.ofThisModule()
        .run("dev.rr.reader.ReaderMain", "--runner=DataflowRunner", "--windowDuration=soon");

    String output = run.output();
    assertNotEquals(0, run.exitCode(), output);
    assertTrue(output.contains("[reader] invalid options, not started:"), output);
    assertTrue(output.contains("windowDuration"), output);
    // slf4j-jdk14's format (java.util.logging's SimpleFormatter), not slf4j-simple's.
    assertTrue(output.contains("SEVERE: [reader] invalid options"), output);
    assertFalse(output.contains("No SLF4J providers were found"), output);
    assertFalse(output.contains("multiple SLF4J providers"), output);
    assertFalse(output.contains("Unknown 'runner' specified"), output);
  }
}
