package dev.rr.common.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigProblemsTest {

  @Test
  void shouldReportEveryProblemAtOnce() {
    ConfigProblems problems = new ConfigProblems();
    Optional<Duration> window = problems.attempt(() -> Durations.parse("windowDuration", "ten"));
    Optional<WriterRunMode> mode = problems.attempt(() -> WriterRunMode.parse("resumeAll"));
    Optional<FiltrationMode> filter = problems.attempt(() -> FiltrationMode.parse("some"));
    problems.check(false, "shardsFile lists no shards");
    problems.check(true, "never reported");

    assertTrue(window.isEmpty());
    assertEquals(Optional.of(WriterRunMode.RESUME_ALL), mode);
    assertTrue(filter.isEmpty());
    ConfigException e = assertThrows(ConfigException.class, problems::throwIfAny);
    assertEquals(3, e.problems().size());
    assertTrue(e.problems().get(0).startsWith("windowDuration 'ten'"));
    assertTrue(e.problems().get(1).startsWith("filtrationMode must be one of"));
    assertEquals("shardsFile lists no shards", e.problems().get(2));
    for (String problem : e.problems()) {
      assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
    assertTrue(e.getMessage().startsWith("Invalid configuration (3 problems):"), e.getMessage());
  }

  @Test
  void shouldNotThrowWithoutProblems() {
    ConfigProblems problems = new ConfigProblems();
    assertEquals(Optional.of(Duration.ofSeconds(10)), problems.attempt(() -> Durations.parse("10s")));
    assertTrue(problems.isEmpty());
    assertDoesNotThrow(problems::throwIfAny);
  }

  @Test
  void shouldLetOtherExceptionsThrough() {
    ConfigProblems problems = new ConfigProblems();
    assertThrows(
        IllegalStateException.class,
        () -> problems.attempt(() -> {
          throw new IllegalStateException("a bug, not a config problem");
        }));
    assertTrue(problems.isEmpty());
  }

  @Test
  void shouldStateASingleProblemOnOneLine() {
    ConfigException e = new ConfigException("endTimestamp is before startTimestamp");
    assertEquals("Invalid configuration: endTimestamp is before startTimestamp", e.getMessage());
    assertEquals(List.of("endTimestamp is before startTimestamp"), e.problems());
  }

  @Test
  void shouldRequireAtLeastOneProblem() {
    assertThrows(IllegalArgumentException.class, () -> new ConfigException(List.of()));
  }
}
