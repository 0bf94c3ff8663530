package dev.rr.launcher.launch;

import dev.rr.common.config.ReaderRunMode;
import dev.rr.reader.dao.ConnectorReadPosition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader started in this process that relaunches itself with {@code runMode=resume} when it
 * reports an orphaned change-stream partition ({@link ConnectorReadPosition}): a partition the
 * connector marked finished without reading its child partitions. The reader then holds {@code
 * created_upto} where the orphan stopped, so a resumed reader (new partition table, starting at
 * the least {@code processed_upto}, never past the held {@code created_upto}) reads the skipped
 * changes again and rewrites the windows after it; the writer has applied none of them. The old
 * pipeline is stopped before the new one starts, so no late file of the old one can replace a file
 * of the new one.
 *
 * <p>Callers see one pipeline: {@link #cancel} and {@link #waitUntilFinish} act on whichever
 * reader is current, and {@link #metrics} sums the counters of all of them. On Dataflow nothing
 * relaunches the job: the same metric and error log ask the operator to (docs/recovery.md).
 */
public final class ResumingReader implements PipelineResult {
  private static final Logger LOG = LoggerFactory.getLogger(ResumingReader.class);
  /** The reader option that selects the run mode. */
  static final String RUN_MODE = "runMode";
  /** How long a stopping reader may take before the relaunch waits on. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final PipelineStarter starter;
  private final Map<String, String> resumeParameters;
  private final Duration checkInterval;
  private final Thread watcher;
  private volatile PipelineResult current;
  /** Readers replaced by a relaunch, oldest first: their metrics still count. Guarded by this. */
  private final List<PipelineResult> replaced = new ArrayList<>();
  private volatile boolean cancelled;
  /** True from stopping the old reader until the new one is current. */
  private volatile boolean relaunching;
  private int relaunches;

  private ResumingReader(PipelineStarter starter, Map<String, String> parameters,
      PipelineResult first, Duration checkInterval) {
    this.starter = starter;
    Map<String, String> resume = new HashMap<>(parameters);
    resume.put(RUN_MODE, ReaderRunMode.RESUME.optionName());
    this.resumeParameters = Map.copyOf(resume);
    this.checkInterval = checkInterval;
    this.current = first;
    this.watcher = new Thread(this::watch, "rr-reader-orphan-watch");
    watcher.setDaemon(true);
  }

  /** {@code starter}, each of whose readers is watched every {@code checkInterval}. */
  public static PipelineStarter wrap(PipelineStarter starter, Duration checkInterval) {
    return parameters -> {
      ResumingReader reader = new ResumingReader(starter, parameters, starter.start(parameters),
          checkInterval);
      reader.watcher.start();
      return reader;
    };
  }

  /** How many times the reader was relaunched so far. */
  public synchronized int relaunches() {
    return relaunches;
  }

  private void watch() {
    try {
      while (!cancelled) {
        Thread.sleep(checkInterval.toMillis());
        PipelineResult reader = current;
        if (cancelled || reader.getState().isTerminal()) {
          // Finished, failed or cancelled by its owner: nothing left to watch.
          return;
        }
        long orphans = orphanedPartitions(reader.metrics());
        if (orphans > 0) {
          relaunch(reader, orphans);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.error("[reader] cannot relaunch the reader after an orphaned change-stream partition;"
          + " stop it and launch it again with readerRunMode resume: {}", e.toString(), e);
    }
  }

  private void relaunch(PipelineResult reader, long orphans) throws Exception {
    relaunching = true;
    try {
      replace(reader, orphans);
    } finally {
      relaunching = false;
    }
  }

  private void replace(PipelineResult reader, long orphans) throws Exception {
    LOG.warn("[reader] {} orphaned change-stream partition(s): stopping the reader and launching"
        + " it again with runMode resume, from the least processed_upto", orphans);
    try {
      reader.cancel();
    } catch (IOException | RuntimeException e) {
      LOG.info("[reader] cancelling: {}", e.toString());
    }
    while (!reader.getState().isTerminal()) {
      // Never two readers at once: the old one could replace a window file of the new one.
      try {
        reader.waitUntilFinish(org.joda.time.Duration.millis(STOP_TIMEOUT.toMillis()));
      } catch (RuntimeException e) {
        // A cancelled DirectRunner pipeline may report the cancellation as an error.
      }
      if (!reader.getState().isTerminal()) {
        LOG.warn("[reader] the old reader has not stopped after {}; waiting", STOP_TIMEOUT);
      }
    }
    synchronized (this) {
      if (cancelled) {
        return;
      }
      PipelineResult next = starter.start(resumeParameters);
      replaced.add(reader);
      current = next;
      relaunches++;
    }
    LOG.warn("[reader] reader relaunched with runMode resume ({} relaunch(es))", relaunches());
  }

  /** The reader's {@value ConnectorReadPosition#ORPHANED_PARTITIONS} counter (0 when absent). */
  static long orphanedPartitions(MetricResults metrics) {
    MetricQueryResults results = metrics.queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(ConnectorReadPosition.class,
            ConnectorReadPosition.ORPHANED_PARTITIONS))
        .build());
    long total = 0;
    for (MetricResult<Long> counter : results.getCounters()) {
      Long attempted = counter.getAttempted();
      total += attempted == null ? 0 : attempted;
    }
    return total;
  }

  @Override
  public State getState() {
    return relaunching ? State.RUNNING : current.getState();
  }

  @Override
  public State cancel() throws IOException {
    synchronized (this) {
      cancelled = true;
    }
    watcher.interrupt();
    return current.cancel();
  }

  @Override
  public State waitUntilFinish(org.joda.time.Duration duration) {
    long deadline = System.currentTimeMillis() + duration.getMillis();
    while (true) {
      PipelineResult reader = current;
      long left = Math.max(1, deadline - System.currentTimeMillis());
      State state = reader.waitUntilFinish(org.joda.time.Duration.millis(left));
      if (isFinal(reader) || System.currentTimeMillis() >= deadline) {
        return state;
      }
    }
  }

  @Override
  public State waitUntilFinish() {
    while (true) {
      PipelineResult reader = current;
      State state = reader.waitUntilFinish();
      if (isFinal(reader)) {
        return state;
      }
    }
  }

  /**
   * True when {@code reader}, which has finished or timed out, is what callers should see: not a
   * reader being replaced (then this waits until its successor is current).
   */
  private boolean isFinal(PipelineResult reader) {
    if (cancelled) {
      return true;
    }
    while (relaunching && reader == current) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    return reader == current;
  }

  /**
   * The metrics of every reader so far: a relaunched reader counts from zero, so counters and
   * distributions are summed over the old readers and the current one ({@link
   * SummedMetricResults}).
   */
  @Override
  public MetricResults metrics() {
    List<MetricResults> parts = new ArrayList<>();
    synchronized (this) {
      replaced.forEach(reader -> parts.add(reader.metrics()));
      parts.add(current.metrics());
    }
    return new SummedMetricResults(parts);
  }
}
