package dev.rr.common.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void shouldDoubleUpToTheMaximumWithJitterBetweenHalfAndAll() {
    Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
    Backoff highest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);

    long[] low = new long[6];
    long[] high = new long[6];
    for (int i = 0; i < 6; i++) {
      low[i] = lowest.nextDelay().toMillis();
      high[i] = highest.nextDelay().toMillis();
    }

    assertEquals("[50, 100, 200, 400, 500, 500]", java.util.Arrays.toString(low));
    assertEquals("[100, 200, 400, 800, 1000, 1000]", java.util.Arrays.toString(high));
  }

  @Test
  void shouldStartOverAfterReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.999999);
    backoff.nextDelay();
    backoff.nextDelay();

    backoff.reset();

    assertEquals(0, backoff.failures());
    assertTrue(backoff.nextDelay().toMillis() <= 100);
  }
}
