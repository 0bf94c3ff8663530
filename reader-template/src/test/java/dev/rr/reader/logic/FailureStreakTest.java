package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rr.reader.logic.FailureStreak.Loudness;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureStreakTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void shouldBeQuietAtFirstThenAnErrorOncePerIntervalUntilASuccess() {
    FailureStreak streak = new FailureStreak(Duration.ofMinutes(1));

    assertEquals(Loudness.QUIET, streak.failed(T0));
    assertEquals(Loudness.QUIET, streak.failed(T0.plusSeconds(59)));
    assertEquals(Loudness.ERROR, streak.failed(T0.plusSeconds(60)));
    assertEquals(Loudness.ALREADY_REPORTED, streak.failed(T0.plusSeconds(100)));
    assertEquals(Loudness.ERROR, streak.failed(T0.plusSeconds(121)));
    assertEquals(T0, streak.since());

    streak.succeeded();
    assertEquals(Loudness.QUIET, streak.failed(T0.plusSeconds(200)), "a new streak");
    assertEquals(T0.plusSeconds(200), streak.since());
  }
}
