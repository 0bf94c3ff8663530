package dev.rr.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "1ms, PT0.001S",
    "10s, PT10S",
    "90s, PT1M30S",
    "5m, PT5M",
    "1h, PT1H",
    "48h, PT48H"
  })
  void shouldParseAcceptedForms(String text, String expected) {
    assertEquals(Duration.parse(expected), Durations.parse(text));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"10", "s", "0s", "-5s", "1.5s", "10 s", " 10s", "10S", "10d", "PT10S", "10sec", "1h30m"})
  void shouldRejectOtherForms(String text) {
    ConfigException e = assertThrows(ConfigException.class, () -> Durations.parse(text));
    assertTrue(e.getMessage().contains("ms, s, m or h"), e.getMessage());
  }

  @Test
  void shouldNameOptionAndValueInTheError() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> Durations.parse("windowDuration", "10x"));
    assertEquals(1, e.problems().size());
    String problem = e.problems().get(0);
    assertTrue(problem.startsWith("windowDuration '10x' is not a valid duration"), problem);
    assertTrue(problem.contains("500ms, 10s, 5m, 1h"), problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999s", "9223372036854775807h"})
  void shouldRejectDurationsTooLargeToRepresent(String text) {
    ConfigException e = assertThrows(ConfigException.class, () -> Durations.parse(text));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "PT0.5S, 500ms",
    "PT1.5S, 1500ms",
    "PT10S, 10s",
    "PT90S, 90s",
    "PT2M, 2m",
    "PT3H, 3h",
    "PT61M, 61m"
  })
  void shouldFormatWithTheLargestExactUnit(String duration, String expected) {
    assertEquals(expected, Durations.format(Duration.parse(duration)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1ms", "999ms", "1000ms", "59s", "60s", "3600s", "7m", "25h"})
  void shouldReadBackWhatItFormats(String text) {
    Duration parsed = Durations.parse(text);
    assertEquals(parsed, Durations.parse(Durations.format(parsed)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT-1S", "PT0.0005S"})
  void shouldRefuseToFormatDurationsItCannotReadBack(String duration) {
    assertThrows(IllegalArgumentException.class, () -> Durations.format(Duration.parse(duration)));
  }
}
