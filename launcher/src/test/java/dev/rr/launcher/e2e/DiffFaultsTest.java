package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the diff checker's drain fault stops the reader. */
class DiffFaultsTest {
  private static final Instant START = Instant.parse("2026-12-06T03:00:00.300Z");

  @Test
  void shouldDrainAQuarterIntoTheWindowHoldingOneSecondAgo() {
    Instant now = START.plusMillis(7_900);

    assertEquals(START.plusMillis(6_500), DiffFaults.drainPoint(START, now));
  }

  @Test
  void shouldNeverDrainLaterThanHalfASecondAgo() {
    for (long millis = 2_000; millis < 20_000; millis += 37) {
      Instant now = START.plusMillis(millis);

      assertFalse(DiffFaults.drainPoint(START, now).isAfter(now.minusMillis(500)), "now " + now);
    }
  }
}
