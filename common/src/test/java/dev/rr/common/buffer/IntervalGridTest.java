package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalGridTest {
  private static final Timestamp START = Timestamp.parseTimestamp("2024-01-01T00:00:03.250Z");
  private final IntervalGrid grid = IntervalGrid.anchoredAt(START, Duration.ofSeconds(10));

  @Test
  void shouldStartTheFirstWindowExactlyAtTheRunStart() {
    Instant start = Instant.parse("2024-01-01T00:00:03.250Z");
    assertEquals(start, grid.windowStart(start));
    assertEquals(Instant.parse("2024-01-01T00:00:13.250Z"), grid.windowEnd(start));
    assertTrue(grid.isBoundary(start));
  }

  @Test
  void shouldPutAnInstantInTheWindowWhoseStartIsAtOrBeforeIt() {
    assertEquals(
        Instant.parse("2024-01-01T00:00:13.250Z"),
        grid.windowStart(Instant.parse("2024-01-01T00:00:23.249Z")));
    assertEquals(
        Instant.parse("2024-01-01T00:00:23.250Z"),
        grid.windowStart(Instant.parse("2024-01-01T00:00:23.250Z")));
    // before the origin the grid continues backwards
    assertEquals(
        Instant.parse("2023-12-31T23:59:53.250Z"),
        grid.windowStart(Instant.parse("2024-01-01T00:00:00Z")));
  }

  @Test
  void shouldGiveTheEpochOffsetFixedWindowsNeed() {
    assertEquals(3_250, grid.offsetMillis());
    assertEquals(10_000, grid.sizeMillis());
    IntervalGrid aligned =
        IntervalGrid.anchoredAt(Timestamp.parseTimestamp("2024-01-01T00:00:00Z"), Duration.ofMinutes(1));
    assertEquals(0, aligned.offsetMillis());
  }

  @Test
  void shouldStepFromWindowEndToWindowEnd() {
    Instant end = Instant.parse("2024-01-01T00:00:13.250Z");
    assertEquals(Instant.parse("2024-01-01T00:00:23.250Z"), grid.nextEnd(end));
    assertFalse(grid.isBoundary(end.plusMillis(1)));
  }

  @Test
  void shouldRoundSubMillisecondTimestampsDown() {
    assertEquals(
        Instant.parse("2024-01-01T00:00:03.250Z"),
        IntervalGrid.toInstant(Timestamp.parseTimestamp("2024-01-01T00:00:03.250999999Z")));
    assertEquals(
        Instant.parse("1969-12-31T23:59:59.999Z"),
        IntervalGrid.toInstant(Timestamp.ofTimeSecondsAndNanos(-1, 999_999_999)));
  }

  @Test
  void shouldRejectANonPositiveSize() {
    assertThrows(IllegalArgumentException.class, () -> IntervalGrid.anchoredAt(START, Duration.ZERO));
  }
}
