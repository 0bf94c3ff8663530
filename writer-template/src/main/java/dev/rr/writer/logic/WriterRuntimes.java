package dev.rr.writer.logic;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One {@link WriterRuntime} per launch and JVM, shared by every thread that runs the launch's
 * shards, so that a shard's worker (and its position) survives from one call to the next
 * whichever thread makes it. Reference-counted: the last release closes it.
 */
public final class WriterRuntimes {
  private static final Map<String, Entry> RUNTIMES = new HashMap<>();

  private WriterRuntimes() {}

  private static final class Entry {
    final WriterRuntime runtime;
    int users;

    Entry(WriterRuntime runtime) {
      this.runtime = runtime;
    }
  }

  /** The runtime of {@code plan}'s launch, opened on first use. Pair with {@link #release}. */
  public static synchronized WriterRuntime acquire(
      WriterPlan plan, Function<String, ShardMetrics> metrics) {
    Entry entry =
        RUNTIMES.computeIfAbsent(plan.launchId(), id -> new Entry(WriterRuntime.open(plan, metrics)));
    entry.users++;
    return entry.runtime;
  }

  /** Gives back a runtime from {@link #acquire}; the last user closes it. */
  public static synchronized void release(WriterPlan plan) {
    Entry entry = RUNTIMES.get(plan.launchId());
    if (entry != null && --entry.users <= 0) {
      RUNTIMES.remove(plan.launchId());
      entry.runtime.close();
    }
  }
}
