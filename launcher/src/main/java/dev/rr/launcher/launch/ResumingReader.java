package dev.rr.launcher.launch;

import dev.rr.common.config.ReaderRunMode;
import dev.rr.reader.dao.ConnectorReadPosition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * the least {@code created_upto}) reads the skipped changes again and rewrites the windows after
 * it; the writer has applied none of them, because they were not final (docs/consistency.md). The old
 * pipeline is stopped before the new one starts, so no late file of the old one can replace a file
 * of the new one.
 *
 * <p>A reader that <em>fails</em> (a Spanner error it does not survive, for instance) is
 * relaunched the same way, at most {@link #MAX_FAILED_RELAUNCHES} times in a row, each logged at
 * ERROR with the failure; a reader that ran for {@link #HEALTHY_RUN} since its launch resets the
 * count. After the last attempt the failure reaches the callers of {@link #waitUntilFinish}: a dead
 * reader is never left behind a writer that waits for it in silence. A reader with no {@code
 * endTimestamp} that <em>finishes</em> counts the same way: an unbounded read only ends when the
 * connector found every partition it scheduled finished, which is how an orphan that was not
 * counted in time (its partition table already dropped) shows.
 *
 * <p>Callers see one pipeline: {@link #cancel} and {@link #waitUntilFinish} act on whichever
 * reader is current, and {@link #metrics} sums the counters of all of them. On Dataflow nothing
 * relaunches the job: the same metric and error log ask the operator to (docs/recovery.md).
 */
public final class ResumingReader implements PipelineResult {
  private static final Logger LOG = LoggerFactory.getLogger(ResumingReader.class);
  /** The reader option that selects the run mode. */
  static final String RUN_MODE = "runMode";
  /** The reader option that ends the read at a commit time. */
  static final String END_TIMESTAMP = "endTimestamp";
  /** How long a stopping reader may take before the relaunch waits on. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  /** Relaunches after failures in a row before the failure is given to the callers. */
  static final int MAX_FAILED_RELAUNCHES = 5;
  /** A reader that ran this long before failing counts as a first failure again. */
  static final Duration HEALTHY_RUN = Duration.ofMinutes(10);

  private final PipelineStarter starter;
  private final Map<String, String> resumeParameters;
  /** True when the reader has no end timestamp: it never finishes on its own. */
  private final boolean unbounded;
  private final Duration checkInterval;
  private final Thread watcher;
  private volatile PipelineResult current;
  /** Readers replaced by a relaunch, oldest first: their metrics still count. Guarded by this. */
  private final List<PipelineResult> replaced = new ArrayList<>();
  private volatile boolean cancelled;
  /** True from stopping the old reader until the new one is current. */
  private volatile boolean relaunching;
  private int relaunches;
  /** Failed readers relaunched in a row; written by the watcher only. */
  private volatile int failuresInARow;
  private volatile long currentSince = System.nanoTime();
  /** A failure a caller's wait received (the runner reports it once): the watcher acts on it. */
  private volatile Failure failedUnderWait;

  private record Failure(PipelineResult reader, String why) {}

  /** The unbounded reader that ended on its own once too often in a row, and what was logged. */
  private volatile Failure gaveUp;

  private ResumingReader(PipelineStarter starter, Map<String, String> parameters,
      PipelineResult first, Duration checkInterval) {
    this.starter = starter;
    Map<String, String> resume = new HashMap<>(parameters);
    resume.put(RUN_MODE, ReaderRunMode.RESUME.optionName());
    this.resumeParameters = Map.copyOf(resume);
    String end = parameters.get(END_TIMESTAMP);
    this.unbounded = end == null || end.isBlank();
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
        if (cancelled) {
          return;
        }
        Optional<String> failure = failureOf(reader);
        if (failure.isPresent()) {
          if (!relaunchInARow(reader, "the reader failed: " + failure.get())) {
            return;
          }
          continue;
        }
        // Asked before the state: with every partition it scheduled finished, the connector ends
        // the read, so a reader that counted an orphan may have finished on its own by now.
        long orphans = orphanedPartitions(reader.metrics());
        if (orphans > 0) {
          relaunch(reader, orphans + " orphaned change-stream partition(s)");
          continue;
        }
        if (endedOnItsOwn(reader)) {
          // No orphan counted, yet the read is over: the connector ends it once every partition
          // it scheduled finished, and an orphan seen before the first created_upto may have gone
          // with the connector's partition table before it was counted. Resume reads it again.
          if (!relaunchInARow(reader,
              "the reader has no endTimestamp but ended its read on its own")) {
            return;
          }
          continue;
        }
        if (reader.getState().isTerminal()) {
          // Finished at its endTimestamp, or cancelled by its owner: nothing left to watch.
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.error("[reader] cannot relaunch the reader after an orphaned change-stream partition;"
          + " stop it and launch it again with readerRunMode resume: {}", e.toString(), e);
    }
  }

  /**
   * Why {@code reader} failed, if it did. The DirectRunner reports a failure through {@code
   * waitUntilFinish}, not always through its state, so a running reader is asked with a short wait.
   */
  private Optional<String> failureOf(PipelineResult reader) {
    Failure seen = failedUnderWait;
    if (seen != null && seen.reader() == reader) {
      return Optional.of(seen.why());
    }
    State state = reader.getState();
    if (!state.isTerminal()) {
      try {
        state = reader.waitUntilFinish(org.joda.time.Duration.millis(1));
      } catch (RuntimeException e) {
        return Optional.of(e.toString());
      }
    }
    return state == State.FAILED
        ? Optional.of("state " + state) : Optional.empty();
  }

  /**
   * True when {@code reader} finished (not cancelled, not failed) although it reads with no end
   * timestamp: it has stopped reading changes that are still being committed, so it is relaunched.
   */
  private boolean endedOnItsOwn(PipelineResult reader) {
    return unbounded && !cancelled && reader.getState() == State.DONE;
  }

  /**
   * Relaunches {@code reader}, which stopped as {@code what} says (failed, or ended an unbounded
   * read), as one more of at most {@link #MAX_FAILED_RELAUNCHES} in a row; false, with nothing
   * relaunched, once that many came before it. The watcher then stops and callers see a failure:
   * the failed reader's own, or, for a reader that ended its unbounded read, state FAILED and an
   * exception from {@code waitUntilFinish}.
   */
  private boolean relaunchInARow(PipelineResult reader, String what) throws Exception {
    if (!mayRelaunchAfterFailure()) {
      String given = what + " (" + (failuresInARow + 1) + " times in a row); giving up, the launch"
          + " ends";
      LOG.error("[reader] {}", given);
      if (endedOnItsOwn(reader)) {
        // Its own state says DONE; callers must see a failure instead.
        gaveUp = new Failure(reader, given);
      }
      return false;
    }
    failuresInARow++;
    LOG.error("[reader] {}; launching it again with runMode resume ({} of {})", what,
        failuresInARow, MAX_FAILED_RELAUNCHES);
    relaunch(reader, what);
    return true;
  }

  /** True while a failed reader is relaunched rather than reported to the callers. */
  private boolean mayRelaunchAfterFailure() {
    if (Duration.ofNanos(System.nanoTime() - currentSince).compareTo(HEALTHY_RUN) >= 0) {
      failuresInARow = 0;
    }
    return !cancelled && failuresInARow < MAX_FAILED_RELAUNCHES;
  }

  private void relaunch(PipelineResult reader, String why) throws Exception {
    relaunching = true;
    try {
      replace(reader, why);
    } finally {
      relaunching = false;
    }
  }

  private void replace(PipelineResult reader, String why) throws Exception {
    LOG.warn("[reader] {}: stopping the reader and launching it again with runMode resume, from"
        + " the least created_upto", why);
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
      currentSince = System.nanoTime();
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
    if (relaunching) {
      return State.RUNNING;
    }
    PipelineResult reader = current;
    return givenUp(reader) ? State.FAILED : reader.getState();
  }

  private boolean givenUp(PipelineResult reader) {
    Failure failure = gaveUp;
    return failure != null && failure.reader() == reader;
  }

  /**
   * {@code state}, the final state of {@code reader}, unless the watcher gave up on it after it
   * ended its unbounded read on its own too often: then that is thrown as a failure, as a
   * pipeline's failure is.
   */
  private State finalState(PipelineResult reader, State state) {
    if (givenUp(reader)) {
      throw new IllegalStateException(gaveUp.why());
    }
    return state;
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
      State state;
      try {
        state = reader.waitUntilFinish(org.joda.time.Duration.millis(left));
      } catch (RuntimeException failed) {
        if (!awaitRelaunchAfter(reader, failed)) {
          throw failed;
        }
        continue;
      }
      if (isFinal(reader)) {
        return finalState(reader, state);
      }
      if (System.currentTimeMillis() >= deadline) {
        return state;
      }
    }
  }

  @Override
  public State waitUntilFinish() {
    while (true) {
      PipelineResult reader = current;
      State state;
      try {
        state = reader.waitUntilFinish();
      } catch (RuntimeException failed) {
        if (!awaitRelaunchAfter(reader, failed)) {
          throw failed;
        }
        continue;
      }
      if (isFinal(reader)) {
        return finalState(reader, state);
      }
    }
  }

  /**
   * After {@code reader} failed under a caller's wait: true once the watcher has replaced it, false
   * when it will not (cancelled, or too many failures in a row): then the caller gets the failure.
   */
  private boolean awaitRelaunchAfter(PipelineResult reader, RuntimeException failure) {
    failedUnderWait = new Failure(reader, failure.toString());
    while (reader == current) {
      if (cancelled || !watcher.isAlive()) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.addSuppressed(e);
        return false;
      }
    }
    return true;
  }

  /**
   * True when {@code reader}, which has finished or timed out, is what callers should see: not a
   * reader being replaced, nor one that ended its unbounded read on its own and that the watcher
   * will replace (then this waits until its successor is current).
   */
  private boolean isFinal(PipelineResult reader) {
    if (cancelled) {
      return true;
    }
    while (reader == current
        && (relaunching || (endedOnItsOwn(reader) && watcher.isAlive()))) {
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
