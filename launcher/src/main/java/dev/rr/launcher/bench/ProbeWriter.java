package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Mutation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the lag probes: one row of {@link BenchSchema#PROBE_TABLE} per probe, ids counting up,
 * at a fixed rate, remembering each probe's commit timestamp. A probe visible in MySQL proves
 * that everything committed before it is applied (the writer applies in commit order).
 */
final class ProbeWriter implements AutoCloseable {
  private final DatabaseClient client;
  private final long periodNanos;
  private final Map<Long, Instant> commits = new ConcurrentSkipListMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long nextId = 1;
  private volatile boolean running;
  private Thread thread;

  ProbeWriter(DatabaseClient client, int probesPerSecond) {
    this.client = client;
    this.periodNanos = 1_000_000_000L / probesPerSecond;
  }

  /** Writes one probe now and returns its id. */
  synchronized long probe() {
    long id = nextId++;
    Timestamp commit =
        client.writeAtLeastOnce(
            List.of(
                Mutation.newInsertOrUpdateBuilder(BenchSchema.PROBE_TABLE.name())
                    .set("id").to(id)
                    .set("sent_at").to(Timestamp.now())
                    .build()));
    commits.put(id, Instant.ofEpochSecond(commit.getSeconds(), commit.getNanos()));
    return id;
  }

  /** Starts writing probes at the fixed rate. */
  synchronized void start() {
    running = true;
    thread = new Thread(this::loop, "bench-probe-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops writing probes; rethrows a failed write. */
  void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a lag probe could not be written", failure.get());
    }
  }

  /** Commit time of every probe written, by id. */
  Map<Long, Instant> commits() {
    return commits;
  }

  /** The id of the last probe written, 0 when none. */
  synchronized long lastId() {
    return nextId - 1;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void loop() {
    long next = System.nanoTime();
    while (running) {
      try {
        probe();
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        return;
      }
      next += periodNanos;
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
    }
  }
}
