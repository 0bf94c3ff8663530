package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.BufferFileException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrefetcherTest {

  @Test
  void shouldDeliverEveryItemInSourceOrderAndCloseTheSourceOnce() throws Exception {
    List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
    AtomicInteger closes = new AtomicInteger();
    List<Integer> seen = new ArrayList<>();

    try (Prefetcher<Integer> prefetcher =
        Prefetcher.start("test", items.iterator(), closes::incrementAndGet, i -> 1 + i % 3, 7, 2)) {
      prefetcher.forEachRemaining(seen::add);
      assertFalse(prefetcher.hasNext());
    }

    assertEquals(items, seen);
    assertEquals(1, closes.get());
  }

  @Test
  void shouldThrowTheSourcesExceptionAfterTheItemsBeforeIt() throws Exception {
    BufferFileException broken = new BufferFileException("f line 4: not JSON", null);
    Iterator<Integer> source = failingAfter(3, broken);
    List<Integer> seen = new ArrayList<>();

    try (Prefetcher<Integer> prefetcher = Prefetcher.start("test", source, () -> { }, i -> 1, 2, 1)) {
      BufferFileException thrown = assertThrows(BufferFileException.class, () -> {
        while (prefetcher.hasNext()) {
          seen.add(prefetcher.next());
        }
      });
      assertSame(broken, thrown);
      // Asking again keeps failing the same way, like the source would.
      assertSame(broken, assertThrows(BufferFileException.class, prefetcher::hasNext));
    }

    assertEquals(List.of(0, 1, 2), seen);
  }

  @Test
  void shouldStopAProducerThatIsAheadWhenClosedEarly() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    Iterator<Integer> endless = new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        return next++;
      }
    };

    Prefetcher<Integer> prefetcher =
        Prefetcher.start("test", endless, () -> closed.set(true), i -> 1, 10, 2);
    assertEquals(0, prefetcher.next());
    assertTrue(prefetcher.isProducing());
    prefetcher.close();

    assertFalse(prefetcher.isProducing());
    assertTrue(closed.get());
  }

  @Test
  void shouldStopAProducerBusyInTheSourceWhenClosed() throws Exception {
    CountDownLatch inSource = new CountDownLatch(1);
    Iterator<Integer> blocking = new Iterator<>() {
      @Override
      public boolean hasNext() {
        inSource.countDown();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(new InterruptedIOException("read interrupted"));
        }
        return false;
      }

      @Override
      public Integer next() {
        throw new AssertionError("never reached");
      }
    };

    Prefetcher<Integer> prefetcher = Prefetcher.start("test", blocking, () -> { }, i -> 1, 1, 1);
    assertTrue(inSource.await(10, TimeUnit.SECONDS));
    long started = System.nanoTime();
    prefetcher.close();

    assertFalse(prefetcher.isProducing());
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void shouldGiveAnInterruptedConsumerATransientErrorAndKeepItsInterruptFlag() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Iterator<Integer> slow = new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return false;
      }

      @Override
      public Integer next() {
        throw new AssertionError("never reached");
      }
    };
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();

    try (Prefetcher<Integer> prefetcher = Prefetcher.start("test", slow, () -> { }, i -> 1, 1, 1)) {
      Thread consumer = new Thread(() -> {
        try {
          prefetcher.hasNext();
        } catch (RuntimeException e) {
          thrown.set(e);
          flagKept.set(Thread.currentThread().isInterrupted());
        }
      });
      consumer.start();
      consumer.interrupt();
      consumer.join(10_000);
      release.countDown();
    }

    UncheckedIOException error = assertInstanceOf(UncheckedIOException.class, thrown.get());
    assertInstanceOf(InterruptedIOException.class, error.getCause());
    assertTrue(flagKept.get());
    assertEquals(dev.rr.common.mysql.ErrorClass.TRANSIENT, ApplyErrors.classify(error));
  }

  @Test
  void shouldReportAFailureToCloseTheSourceFromClose() {
    IOException closeError = new IOException("disk gone");
    Prefetcher<Integer> prefetcher = Prefetcher.start(
        "test", List.of(1).iterator(), () -> { throw closeError; }, i -> 1, 1, 1);
    prefetcher.forEachRemaining(i -> { });

    assertSame(closeError, assertThrows(IOException.class, prefetcher::close));
  }

  private static Iterator<Integer> failingAfter(int count, RuntimeException error) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        if (next == count) {
          throw error;
        }
        return true;
      }

      @Override
      public Integer next() {
        return next++;
      }
    };
  }
}
