package dev.rr.launcher.status;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live progress line of a run in this process ({@code rr quickstart}, {@code rr launch
 * --runner direct}): seconds since start, the caller's own counts (the quickstart's workload),
 * records applied per shard and the largest replication lag. On a terminal it rewrites one line
 * every second; elsewhere (a log file) it prints a line every {@code logPeriod}.
 */
public final class ProgressLine implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "rr-progress-line");
    thread.setDaemon(true);
    return thread;
  });
  private final PrintWriter out;
  private final boolean terminal = System.console() != null;
  private final long started = System.nanoTime();

  /**
   * Starts printing.
   *
   * @param counts the caller's part of the line (e.g. {@code written 12 rows in 3 tx}); blank for none
   * @param logPeriod how often to print a line when the output is not a terminal
   */
  public ProgressLine(PrintWriter out, RunStateSource states, String runId, Supplier<String> counts,
      Duration logPeriod) {
    this.out = out;
    long periodMillis = terminal ? 1000 : logPeriod.toMillis();
    timer.scheduleAtFixedRate(() -> print(states, runId, counts), periodMillis, periodMillis,
        TimeUnit.MILLISECONDS);
  }

  private void print(RunStateSource states, String runId, Supplier<String> counts) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    String line;
    try {
      line = render(elapsed, counts.get(), Optional.of(states.read(runId)));
    } catch (RuntimeException e) {
      line = render(elapsed, counts.get(), Optional.empty()) + " (progress unavailable: "
          + e.getMessage() + ")";
    }
    synchronized (out) {
      out.print(terminal ? "\r" + line + "\033[K" : line + System.lineSeparator());
      out.flush();
    }
  }

  /**
   * One progress line: {@code "   12s  <counts> | applied s1=10 s2=7 | lag 1.5s"}; without a
   * state (unreadable) only the time and the counts.
   */
  static String render(Duration elapsed, String counts, Optional<RunState> state) {
    StringBuilder line = new StringBuilder(String.format("  %3ds", elapsed.toSeconds()));
    if (!counts.isBlank()) {
      line.append("  ").append(counts);
    }
    if (state.isPresent()) {
      List<String> applied = new ArrayList<>();
      Optional<Duration> maxLag = Optional.empty();
      for (ShardState shard : state.get().shards()) {
        applied.add(shard.shard() + "=" + shard.recordsApplied());
        Optional<Duration> lag = shard.lag(state.get().readAt());
        if (lag.isPresent() && (maxLag.isEmpty() || lag.get().compareTo(maxLag.get()) > 0)) {
          maxLag = lag;
        }
      }
      line.append(" | applied ").append(applied.isEmpty() ? "-" : String.join(" ", applied));
      line.append(" | lag ").append(
          maxLag.map(d -> String.format("%.1fs", d.toMillis() / 1000.0)).orElse("-"));
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
