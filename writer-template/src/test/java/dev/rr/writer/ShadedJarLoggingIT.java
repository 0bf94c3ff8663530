package dev.rr.writer;

import dev.rr.testing.ShadedJar;
import org.junit.jupiter.api.Test;

/**
 * The writer's flex-template jar, started alone as Dataflow starts it, logs through SLF4J (one
 * provider, java.util.logging) and carries the Dataflow runner.
 */
class ShadedJarLoggingIT {
  @Test
  void shouldLogInvalidOptionsThroughTheJarsOwnSlf4jProvider() throws Exception {
    ShadedJar.ofThisModule().assertLogsInvalidOptions("dev.rr.writer.WriterMain", "writer");
  }
}
