package dev.rr.writer.logic;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an iterator on a thread of its own, a bounded amount ahead of the thread that consumes it,
 * so that producing the next items (reading, decoding, mapping) overlaps with using the current
 * ones (waiting for MySQL).
 *
 * <p>The consumer sees exactly the source's items, in the source's order. An exception the source
 * throws reaches the consumer as the same exception object, after every item produced before it
 * and at the point where the source threw it. The producer thread owns the source's resource and
 * closes it when it stops. {@link #close()} stops the producer (interrupting it when it is ahead
 * or busy), waits for it, and reports a failure to close the resource. A consumer interrupted
 * while it waits gets an {@link UncheckedIOException} around an {@link InterruptedIOException},
 * with its interrupt flag restored.
 *
 * @param <T> the items
 */
final class Prefetcher<T> implements Iterator<T>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);
  /** How long {@link #close()} waits for the producer to stop. */
  static final long STOP_TIMEOUT_MILLIS = 10_000;
  /** How often a waiting consumer checks that the producer is still alive. */
  private static final long ALIVE_CHECK_MILLIS = 1_000;

  /** The source is exhausted. */
  private static final Object END = new Object();

  /** The source threw {@code error}; nothing follows. */
  private record Failure(Throwable error) {}

  private final String name;
  private final Iterator<T> source;
  private final AutoCloseable resource;
  private final ToIntFunction<T> weight;
  private final int chunkWeight;
  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile boolean closing;
  private volatile Exception closeFailure;

  private Iterator<T> current = Collections.emptyIterator();
  private boolean ended;
  private Throwable failure;

  private Prefetcher(String name, Iterator<T> source, AutoCloseable resource,
      ToIntFunction<T> weight, int chunkWeight, int chunksAhead) {
    this.name = name;
    this.source = source;
    this.resource = resource;
    this.weight = weight;
    this.chunkWeight = chunkWeight;
    this.queue = new ArrayBlockingQueue<>(chunksAhead + 1);
    this.thread = new Thread(this::produce, name);
    thread.setDaemon(true);
  }

  /**
   * Starts producing from {@code source}: chunks of items whose {@code weight}s add up to about
   * {@code chunkWeight}, at most {@code chunksAhead} chunks ahead of the consumer. If the thread
   * cannot start, {@code resource} is closed before the error is thrown.
   *
   * @param name the producer thread's name
   * @param resource closed by the producer when it stops
   */
  static <T> Prefetcher<T> start(String name, Iterator<T> source, AutoCloseable resource,
      ToIntFunction<T> weight, int chunkWeight, int chunksAhead) {
    if (chunkWeight < 1 || chunksAhead < 1) {
      throw new IllegalArgumentException("chunkWeight and chunksAhead must be at least 1");
    }
    Prefetcher<T> prefetcher =
        new Prefetcher<>(name, source, resource, weight, chunkWeight, chunksAhead);
    try {
      prefetcher.thread.start();
    } catch (RuntimeException | Error e) {
      prefetcher.closeResource();
      throw e;
    }
    return prefetcher;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (ended) {
        if (failure != null) {
          throw rethrow(failure);
        }
        return false;
      }
      Object item = take();
      if (item == END) {
        ended = true;
      } else if (item instanceof Failure f) {
        ended = true;
        failure = f.error();
      } else {
        @SuppressWarnings("unchecked")
        List<T> chunk = (List<T>) item;
        current = chunk.iterator();
      }
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more items from " + name);
    }
    return current.next();
  }

  /** Stops the producer and waits for it; throws when closing the source's resource failed. */
  @Override
  public void close() throws IOException {
    closing = true;
    if (thread.isAlive()) {
      thread.interrupt();
      try {
        thread.join(STOP_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        LOG.warn("{} did not stop within {} ms; leaving it to finish on its own", name,
            STOP_TIMEOUT_MILLIS);
      }
    }
    Exception failed = closeFailure;
    if (failed instanceof IOException io) {
      throw io;
    }
    if (failed != null) {
      throw new IOException("cannot close the source of " + name, failed);
    }
  }

  /** True while the producer thread runs; for tests. */
  boolean isProducing() {
    return thread.isAlive();
  }

  private Object take() {
    if (closing) {
      throw new IllegalStateException(name + " is closed");
    }
    try {
      while (true) {
        Object item = queue.poll(ALIVE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        if (item != null) {
          return item;
        }
        if (!thread.isAlive() && queue.isEmpty()) {
          return new Failure(new IllegalStateException(name + " stopped without an end"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          new InterruptedIOException("interrupted while waiting for " + name));
    }
  }

  private void produce() {
    List<T> chunk = new ArrayList<>();
    try {
      int chunkSoFar = 0;
      while (!closing && source.hasNext()) {
        T item = source.next();
        chunk.add(item);
        chunkSoFar += weight.applyAsInt(item);
        if (chunkSoFar >= chunkWeight) {
          queue.put(chunk);
          chunk = new ArrayList<>();
          chunkSoFar = 0;
        }
      }
      if (!chunk.isEmpty()) {
        queue.put(chunk);
      }
      queue.put(END);
    } catch (InterruptedException e) {
      // Closing: nobody waits for more.
    } catch (RuntimeException | Error e) {
      deliverFailure(chunk, e);
    } finally {
      closeResource();
    }
  }

  /** The items produced before the failure first, then the failure. */
  private void deliverFailure(List<T> chunk, Throwable error) {
    try {
      if (!chunk.isEmpty()) {
        queue.put(chunk);
      }
      queue.put(new Failure(error));
    } catch (InterruptedException e) {
      // Closing: nobody waits for the failure.
    }
  }

  private void closeResource() {
    try {
      resource.close();
    } catch (Exception e) {
      closeFailure = e;
    }
  }

  private static RuntimeException rethrow(Throwable error) {
    if (error instanceof Error e) {
      throw e;
    }
    return (RuntimeException) error;
  }
}
