package dev.rr.launcher.quickstart;

import dev.rr.launcher.check.GeneratorStats;
import dev.rr.launcher.check.PrefixSampler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live line of {@code rr check}: the seed, seconds elapsed, transactions written, samples taken
 * and mismatches so far. Rewrites one line on a terminal, prints a line every 5 s otherwise.
 */
final class CheckProgress implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "rr-check-progress");
    thread.setDaemon(true);
    return thread;
  });
  private final PrintWriter out;
  private final boolean terminal = System.console() != null;
  private final long started = System.nanoTime();
  private boolean closed;

  CheckProgress(PrintWriter out, long seed, GeneratorStats generator, PrefixSampler sampler) {
    this.out = out;
    long period = terminal ? 1 : 5;
    timer.scheduleAtFixedRate(() -> print(seed, generator, sampler), period, period, TimeUnit.SECONDS);
  }

  private void print(long seed, GeneratorStats generator, PrefixSampler sampler) {
    PrefixSampler.Stats stats = sampler.stats();
    String line = String.format("  seed %d %3ds  %d tx written | %d samples (%d at a checkpoint),"
            + " %d mismatches, %d unavailable", seed,
        Duration.ofNanos(System.nanoTime() - started).toSeconds(), generator.transactions(),
        stats.samples(), stats.withCheckpoint(), stats.mismatches(), stats.unavailable());
    synchronized (out) {
      out.print(terminal ? "\r" + line + "\033[K" : line + System.lineSeparator());
      out.flush();
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.shutdownNow();
    if (terminal) {
      synchronized (out) {
        out.println();
        out.flush();
      }
    }
  }
}
