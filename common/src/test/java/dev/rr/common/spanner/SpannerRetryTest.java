package dev.rr.common.spanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.SpannerExceptionFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpannerRetryTest {

  private static final SpannerRetry FAST = SpannerRetry.forEmulator().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2));

  @Test
  void shouldRetryEmulatorRejectionsUntilWorkSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    ErrorCode[] rejections = {ErrorCode.ABORTED, ErrorCode.FAILED_PRECONDITION, ErrorCode.NOT_FOUND};

    String result = FAST.call("test", () -> {
      int call = calls.getAndIncrement();
      if (call < rejections.length) {
        throw SpannerExceptionFactory.newSpannerException(rejections[call], "busy");
      }
      return "done";
    });

    assertEquals("done", result);
    assertEquals(4, calls.get());
  }

  @Test
  void shouldThrowLastErrorAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();
    SpannerException last = SpannerExceptionFactory.newSpannerException(ErrorCode.ABORTED, "still busy");

    SpannerException thrown = assertThrows(SpannerException.class, () -> FAST.withMaxAttempts(3).run("test", () -> {
      calls.incrementAndGet();
      throw last;
    }));

    assertSame(last, thrown);
    assertEquals(3, calls.get());
  }

  @Test
  void shouldNotRetryPermanentErrors() {
    AtomicInteger calls = new AtomicInteger();

    SpannerException thrown = assertThrows(SpannerException.class, () -> FAST.run("test", () -> {
      calls.incrementAndGet();
      throw SpannerExceptionFactory.newSpannerException(ErrorCode.INVALID_ARGUMENT, "bad DDL");
    }));

    assertEquals(ErrorCode.INVALID_ARGUMENT, thrown.getErrorCode());
    assertEquals(1, calls.get());
  }

  @Test
  void shouldNotStackRetriesOnTheClientsOwnAbortedRetriesOnRealSpanner() {
    SpannerRetry standard = SpannerRetry.standard();

    assertFalse(standard.isRetryable(SpannerExceptionFactory.newSpannerException(ErrorCode.ABORTED, "x")));
    assertFalse(standard.isRetryable(SpannerExceptionFactory.newSpannerException(ErrorCode.FAILED_PRECONDITION, "x")));
    assertFalse(standard.isRetryable(SpannerExceptionFactory.newSpannerException(ErrorCode.NOT_FOUND, "x")));
    assertFalse(standard.isRetryable(new IllegalStateException("not a Spanner error")));
  }

  @Test
  void shouldChoosePolicyFromEmulatorHost() {
    SpannerException precondition = SpannerExceptionFactory.newSpannerException(ErrorCode.FAILED_PRECONDITION, "x");

    assertTrue(SpannerRetry.forEmulatorHost("localhost:9010").isRetryable(precondition));
    assertFalse(SpannerRetry.forEmulatorHost(null).isRetryable(precondition));
    assertFalse(SpannerRetry.forEmulatorHost(" ").isRetryable(precondition));
  }

  @Test
  void shouldKeepBackoffWithinGrowingCeiling() {
    SpannerRetry retry = SpannerRetry.forEmulator().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));

    for (int i = 0; i < 200; i++) {
      assertTrue(retry.backoff(1).toMillis() <= 20);
      assertTrue(retry.backoff(30).toMillis() <= 100);
      assertTrue(retry.backoff(30).toMillis() >= 0);
    }
  }

  @Test
  void shouldRejectZeroAttempts() {
    assertThrows(IllegalArgumentException.class, () -> SpannerRetry.standard().withMaxAttempts(0));
  }
}
