package dev.rr.launcher.bench;

import com.google.cloud.spanner.DatabaseClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the mixed workload against Spanner at a steady rate: {@code threads} senders, each with
 * its own {@link MixedWorkload} over its own ids (so their rows never overlap and the expected
 * state does not depend on how their commits interleave), sending on a fixed schedule. A sender
 * that falls behind sends at once and counts the transaction as late.
 */
final class SteadyWorkload implements AutoCloseable {
  private static final long ID_SPACING = 1_000_000_000_000L;

  private final DatabaseClient client;
  private final long periodNanos;
  private final List<MixedWorkload> workloads = new ArrayList<>();
  private final List<Thread> senders = new ArrayList<>();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong late = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running;
  private long startedNanos;
  private long stoppedNanos;

  SteadyWorkload(DatabaseClient client, String shard, int transactionsPerSecond, int threads,
      long seed) {
    if (transactionsPerSecond < 1 || threads < 1) {
      throw new IllegalArgumentException("rate and threads must be positive");
    }
    this.client = client;
    this.periodNanos = 1_000_000_000L / transactionsPerSecond;
    for (int t = 0; t < threads; t++) {
      workloads.add(new MixedWorkload(
          List.of(shard), seed + t, (t + 1) * ID_SPACING, ChronoUnit.SECONDS));
    }
  }

  /** Starts sending. */
  synchronized void start() {
    running = true;
    startedNanos = System.nanoTime();
    for (int t = 0; t < workloads.size(); t++) {
      int index = t;
      Thread sender = new Thread(() -> send(index), "bench-workload-" + t);
      sender.setDaemon(true);
      senders.add(sender);
      sender.start();
    }
  }

  /**
   * Stops sending and waits for the senders.
   *
   * @throws IllegalStateException when a write failed
   */
  synchronized void stop() throws InterruptedException {
    running = false;
    for (Thread sender : senders) {
      sender.join();
    }
    stoppedNanos = System.nanoTime();
    if (failure.get() != null) {
      throw new IllegalStateException("the workload could not write to Spanner", failure.get());
    }
  }

  long transactions() {
    return transactions.get();
  }

  long changes() {
    return changes.get();
  }

  /** Transactions sent more than one period after their slot. */
  long late() {
    return late.get();
  }

  /** Transactions per second achieved between start and stop. */
  double achievedRate() {
    return transactions.get() / (Math.max(stoppedNanos - startedNanos, 1) / 1e9);
  }

  /** The rows all senders' transactions leave behind. Call after {@link #stop()}. */
  ExpectedState expected() {
    return ExpectedState.union(workloads.stream().map(MixedWorkload::expected).toList());
  }

  @Override
  public void close() throws InterruptedException {
    if (running) {
      stop();
    }
  }

  private void send(int index) {
    MixedWorkload workload = workloads.get(index);
    int threads = workloads.size();
    for (long slot = 0; running; slot++) {
      long due = startedNanos + (slot * threads + index) * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else if (-wait > periodNanos) {
        late.incrementAndGet();
      }
      if (!running) {
        return;
      }
      BenchTransaction transaction = workload.next(Instant.now());
      try {
        client.writeAtLeastOnce(SpannerMutations.of(transaction));
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        running = false;
        return;
      }
      transactions.incrementAndGet();
      changes.addAndGet(transaction.changes().size());
    }
  }
}
