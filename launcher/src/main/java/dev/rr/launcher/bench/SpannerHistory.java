package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded change-stream history on the emulator: {@code changes} row changes written as the
 * mixed workload's transactions, one Spanner transaction each, between {@link #start} and
 * {@link #end}.
 *
 * @param start a timestamp before the first commit
 * @param end a timestamp after the last commit
 * @param transactions transactions written
 * @param changes row changes written (one change-stream mod each)
 * @param expected the rows the history leaves behind
 */
record SpannerHistory(
    Timestamp start, Timestamp end, long transactions, long changes, ExpectedState expected) {

  /**
   * Most changes written per second. The emulator answers a change-stream query from memory, 128
   * MB at most: a partition (the emulator starts new ones about every 20 s) holding much more
   * than ~20,000 changes cannot be read at all (RESOURCE_EXHAUSTED), by the connector or by a
   * raw query.
   */
  static final int MAX_CHANGES_PER_SECOND = 800;

  /** Writes at least {@code changes} row changes for shard {@code shard} and returns the span. */
  static SpannerHistory write(
      DatabaseClient client, String shard, long changes, long seed, PrintWriter log) {
    // Whole seconds: the emulator's change stream drops fractions of TIMESTAMP values.
    MixedWorkload workload = new MixedWorkload(List.of(shard), seed, 0, ChronoUnit.SECONDS);
    Timestamp start = Timestamp.now();
    long written = 0;
    long transactions = 0;
    Timestamp lastCommit = start;
    long nextReport = Math.max(changes / 10, 1);
    long began = System.nanoTime();
    while (written < changes) {
      long due = began + written * 1_000_000_000L / MAX_CHANGES_PER_SECOND;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      BenchTransaction transaction = workload.next(Instant.now());
      lastCommit = client.writeAtLeastOnce(SpannerMutations.of(transaction));
      written += transaction.changes().size();
      transactions++;
      if (written >= nextReport) {
        log.printf("  history: %,d of %,d changes written%n", written, changes);
        log.flush();
        nextReport += Math.max(changes / 10, 1);
      }
    }
    // The end bound is exclusive: one microsecond after the last commit.
    Timestamp end = Timestamp.ofTimeMicroseconds(
        lastCommit.getSeconds() * 1_000_000L + lastCommit.getNanos() / 1_000 + 1);
    return new SpannerHistory(start, end, transactions, written, workload.expected());
  }
}
