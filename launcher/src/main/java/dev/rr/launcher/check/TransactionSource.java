package dev.rr.launcher.check;

import java.time.Duration;

/** A seeded writer of random transactions to Spanner, as the checker drives it. */
public interface TransactionSource {
  /** Writes transactions until {@code duration} has passed. */
  void run(Duration duration) throws InterruptedException;

  /** What was written so far; read from any thread. */
  GeneratorStats stats();
}
