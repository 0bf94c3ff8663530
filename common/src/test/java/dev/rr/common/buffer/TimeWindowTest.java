package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
  private static final Instant T0 = Instant.parse("2024-06-24T16:53:00Z");

  @Test
  void shouldRequireStartBeforeEnd() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TimeWindow(T0, T0));
    assertTrue(e.getMessage().contains("2024-06-24T16:53:00Z"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TimeWindow(T0.plusSeconds(1), T0));
    assertThrows(NullPointerException.class, () -> new TimeWindow(null, T0));
  }

  @Test
  void shouldRejectSubMillisecondBoundsThatFileNamesCannotHold() {
    assertThrows(IllegalArgumentException.class,
        () -> new TimeWindow(T0.plusNanos(1), T0.plusSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new TimeWindow(T0, T0.plusNanos(1_000_500)));
  }

  @Test
  void shouldBeHalfOpen() {
    TimeWindow window = TimeWindow.starting(T0, Duration.ofSeconds(10));
    assertEquals(T0.plusSeconds(10), window.end());
    assertEquals(Duration.ofSeconds(10), window.duration());
    assertTrue(window.contains(T0));
    assertTrue(window.contains(T0.plusMillis(9_999)));
    assertFalse(window.contains(T0.plusSeconds(10)));
    assertFalse(window.contains(T0.minusNanos(1)));
  }

  @Test
  void shouldOrderByStartThenEnd() {
    TimeWindow a = new TimeWindow(T0, T0.plusSeconds(10));
    TimeWindow b = new TimeWindow(T0, T0.plusSeconds(20));
    TimeWindow c = new TimeWindow(T0.plusSeconds(10), T0.plusSeconds(20));
    assertEquals(List.of(a, b, c), List.copyOf(new TreeSet<>(List.of(c, b, a))));
  }
}
