package dev.rr.launcher.quickstart;

import dev.rr.launcher.status.RunState;
import dev.rr.launcher.status.RunStateSource;
import dev.rr.launcher.status.ShardState;
import dev.rr.launcher.workload.WorkloadStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints the quickstart's live progress: workload rows written, records applied per shard, and
 * the largest replication lag. Rewrites one line on a terminal, prints a line every few seconds
 * otherwise.
 */
final class ProgressLine implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "rr-quickstart-progress");
    thread.setDaemon(true);
    return thread;
  });
  private final PrintWriter out;
  private final boolean terminal = System.console() != null;
  private final long started = System.nanoTime();

  ProgressLine(PrintWriter out, WorkloadStats stats, RunStateSource states, String runId) {
    this.out = out;
    long period = terminal ? 1 : 5;
    timer.scheduleAtFixedRate(() -> print(stats, states, runId), period, period, TimeUnit.SECONDS);
  }

  private void print(WorkloadStats stats, RunStateSource states, String runId) {
    String line;
    try {
      line = render(stats, states.read(runId));
    } catch (RuntimeException e) {
      line = render(stats, null) + " (progress unavailable: " + e.getMessage() + ")";
    }
    synchronized (out) {
      out.print(terminal ? "\r" + line + "\033[K" : line + System.lineSeparator());
      out.flush();
    }
  }

  private String render(WorkloadStats stats, RunState state) {
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    StringBuilder line = new StringBuilder(String.format("  %3ds  written %d rows in %d tx",
        seconds, stats.rowsWritten(), stats.transactions()));
    if (state != null) {
      List<String> applied = new ArrayList<>();
      Optional<Duration> maxLag = Optional.empty();
      for (ShardState shard : state.shards()) {
        applied.add(shard.shard() + "=" + shard.recordsApplied());
        Optional<Duration> lag = shard.lag(state.readAt());
        if (lag.isPresent() && (maxLag.isEmpty() || lag.get().compareTo(maxLag.get()) > 0)) {
          maxLag = lag;
        }
      }
      line.append(" | applied ").append(applied.isEmpty() ? "-" : String.join(" ", applied));
      line.append(" | lag ").append(maxLag.map(d -> String.format("%.1fs", d.toMillis() / 1000.0)).orElse("-"));
    }
    return line.toString();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (terminal) {
      synchronized (out) {
        out.println();
        out.flush();
      }
    }
  }
}
