package dev.rr.writer.logic;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.BufferRecordCodec;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import dev.rr.common.retry.Backoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one shard's windows in order, strictly one after the other, for a bounded time per call
 * so that a runner can interleave many shards on few threads.
 *
 * <p>Each call to {@link #runFor} reads the reader's {@code created_upto} once, asks the shard's
 * {@link ShardWindowIndex} for the window files up to it once (a cost that does not grow with the
 * windows behind the shard), and then does what {@link WindowPlanner} says: applies present windows
 * (consecutive ones together, as a {@link WindowRun} of up to {@link #MAX_RUN_SPAN}), skips empty
 * stretches, or asks to be called again after the poll interval. Transient errors are
 * retried with jittered exponential backoff (status {@code RETRYING} with the error); the worker
 * carries on by itself when the shard comes back. A permanent error stops this shard only:
 * status {@code ERROR}, the error text, and the offending record kept by the {@link
 * RecordKeeper}.
 */
public final class ShardWorker {
  private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);

  /** How a call ended, and when to call again. */
  public enum Outcome {
    /** Everything up to the end timestamp is applied: do not call again. */
    DONE,
    /** A permanent error stopped the shard: do not call again. */
    FAILED,
    /** The time budget ran out with work left: call again soon. */
    CONTINUE,
    /** Waiting for the reader or for the shard to come back: call again after the delay. */
    WAIT
  }

  /**
   * Consecutive windows ready together are applied as one {@link WindowRun} spanning at most this
   * much commit time: small windows then share MySQL transactions (up to {@code batchSize}
   * records each) instead of paying a transaction, a checkpoint and a set of statements each. The
   * shard's position, and so its reported progress, moves at the end of each run.
   */
  static final Duration MAX_RUN_SPAN = Duration.ofSeconds(60);

  /** The outcome of one {@link #runFor} call. */
  public record RunResult(Outcome outcome, Duration resumeAfter) {}

  private final ShardWorkerSettings settings;
  private final ShardWorkerServices services;
  private final Function<ShardSchema, WindowApplier> appliers;
  private final ProgressReporter reporter;
  private final Backoff backoff;
  private final ShardWindowIndex windows;

  private WindowApplier applier;
  private WindowRun currentRun;
  private Instant position;
  private Checkpoint checkpoint;
  private Double lagSeconds;
  private ShardStatus status = ShardStatus.SUCCESS;
  private String error;
  private boolean failed;
  private ProgressReporter.State failure;
  private boolean failureReported;

  /**
   * @param appliers makes the window applier once the shard's schema is known; it fails with a
   *     permanent error when the shard's schema cannot take the mapping, and the shard stops in
   *     {@code ERROR} before applying anything
   */
  public ShardWorker(
      ShardWorkerSettings settings,
      ShardWorkerServices services,
      Function<ShardSchema, WindowApplier> appliers) {
    this.settings = settings;
    this.services = services;
    this.appliers = appliers;
    this.reporter = new ProgressReporter(settings.runId(), settings.shard(), services.progress(),
        settings.progressInterval(), services.clock());
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(),
        services.random());
    this.windows = new ShardWindowIndex(settings.shard(), settings.grid(), services.lister());
  }

  /** The shard this worker applies. */
  public String shard() {
    return settings.shard();
  }

  /** Everything committed before it is applied (null before the first call). */
  public Instant position() {
    return position;
  }

  /** Works for about {@code budget}, then says whether and when to call again. */
  public synchronized RunResult runFor(Duration budget) {
    if (failed) {
      return failedOutcome();
    }
    Instant deadline = services.clock().instant().plus(budget);
    try {
      if (applier == null) {
        start();
      }
      while (true) {
        // created_upto before the listing: a file missing from the listing is then truly absent.
        Optional<Instant> createdUpto = services.readerProgress().createdUpto(settings.shard());
        NavigableMap<TimeWindow, String> files = createdUpto.isPresent()
            ? windows.files(position, createdUpto.get())
            : Collections.emptyNavigableMap();
        WindowPlanner.Plan plan =
            WindowPlanner.plan(position, createdUpto, files, settings.end());
        List<FinalWindow> run = new ArrayList<>();
        // Where the shard stands once the run is applied: its last window's end, or the end of
        // an empty stretch after it.
        Instant runReach = null;
        for (WindowPlanner.Step step : plan.steps()) {
          if (step instanceof WindowPlanner.ApplyWindow apply) {
            if (!run.isEmpty() && Duration.between(run.get(0).window().start(),
                apply.window().window().end()).compareTo(MAX_RUN_SPAN) > 0
                && applyRunPastDeadline(run, runReach, deadline)) {
              return continueSoon();
            }
            run.add(apply.window());
            runReach = apply.window().window().end();
          } else if (step instanceof WindowPlanner.SkipEmpty skip) {
            if (run.isEmpty()) {
              position = skip.to();
            } else {
              runReach = skip.to();
            }
          }
        }
        if (!run.isEmpty() && applyRunPastDeadline(run, runReach, deadline)) {
          return continueSoon();
        }
        if (plan.done()) {
          if (!reporter.report(state(null), true)) {
            // The last progress must be recorded: come back and try again.
            return new RunResult(Outcome.WAIT, backoff.nextDelay());
          }
          LOG.info("[shard={}] applied everything up to {}", settings.shard(),
              settings.end().orElseThrow());
          return new RunResult(Outcome.DONE, Duration.ZERO);
        }
        report(false);
        if (plan.steps().isEmpty()) {
          services.metrics().fileCreateLagRetry();
          return new RunResult(Outcome.WAIT, settings.pollInterval());
        }
      }
    } catch (ApplyException e) {
      if (e.isTransient()) {
        return retryLater(e);
      }
      fail(e);
      return failedOutcome();
    } catch (IOException | RuntimeException e) {
      // Listing the buffer or reading the metadata: both services may come back.
      LOG.warn("[shard={}] cannot look for work, retrying: {}", settings.shard(), e.toString());
      return new RunResult(Outcome.WAIT, backoff.nextDelay());
    }
  }

  private void start() throws ApplyException {
    Optional<ShardProgress> stored = services.progress().read(settings.shard());
    Instant from = settings.start();
    if (stored.isPresent()) {
      from = later(from, instant(stored.get().processedUpto()));
    }
    position = from;
    try (Connection connection = services.connections().get()) {
      services.checkpoints().ensureTable(connection);
      // Before the first transaction: FOR UPDATE can only lock a row that exists.
      services.checkpoints().ensureRow(connection, settings.runId(), settings.shard());
      ShardSchema schema = ShardSchema.load(connection, services.dialect());
      checkpoint =
          services.checkpoints().read(connection, settings.runId(), settings.shard()).orElse(null);
      // Checks the mapping against the shard's schema: a shard that cannot take it stops here,
      // before any record, with every mismatch named (a permanent SchemaMismatchException).
      applier = appliers.apply(schema);
    } catch (SQLException | RuntimeException e) {
      throw new ApplyException("[shard=" + settings.shard() + "] cannot start: " + e.getMessage(),
          ApplyErrors.classify(e, services.dialect()), null, e);
    }
    if (checkpoint != null) {
      position = later(position, instant(checkpoint.commitTimestamp()));
    }
    LOG.info("[shard={}] starting at {} (checkpoint {})", settings.shard(), position, checkpoint);
  }

  /**
   * Applies the windows of {@code run} and empties it; true when {@code deadline} has passed
   * since.
   */
  private boolean applyRunPastDeadline(
      List<FinalWindow> run, Instant reach, Instant deadline) throws ApplyException {
    applyRun(new WindowRun(run), reach);
    run.clear();
    return services.clock().instant().isAfter(deadline);
  }

  /** The budget ran out with work left: progress is reported, call again soon. */
  private RunResult continueSoon() {
    report(false);
    return new RunResult(Outcome.CONTINUE, Duration.ZERO);
  }

  /**
   * Applies {@code run}; then the shard stands at {@code reach} (the run's end, or the end of an
   * empty stretch after it).
   */
  private void applyRun(WindowRun run, Instant reach) throws ApplyException {
    currentRun = run;
    boolean diagnose = false;
    while (true) {
      try (Connection connection = services.connections().get()) {
        prepare(connection);
        WindowApplier.Result result = applier.apply(connection, run, diagnose);
        if (result.checkpoint() != null) {
          checkpoint = result.checkpoint();
        }
        if (result.lagSeconds() != null) {
          lagSeconds = result.lagSeconds();
        }
        position = later(position, reach);
        backoff.reset();
        status = ShardStatus.SUCCESS;
        error = null;
        LOG.debug("[shard={}] applied {}: {}", settings.shard(), run, result);
        return;
      } catch (SQLException e) {
        throw new ApplyException("[shard=" + settings.shard() + "] " + run + ": "
            + e.getMessage(), ApplyErrors.classify(e, services.dialect()), null, e);
      } catch (ApplyException e) {
        e.committed().ifPresent(c -> checkpoint = c);
        if (!e.isTransient() && e.record().isEmpty() && !diagnose) {
          LOG.warn("[shard={}] permanent error in {}; applying it row by row to find the"
              + " record: {}", settings.shard(), run, e.getMessage());
          diagnose = true;
          continue;
        }
        throw e;
      }
    }
  }

  private void prepare(Connection connection) throws SQLException {
    services.dialect().prepareSession(connection);
  }

  private RunResult retryLater(ApplyException e) {
    services.metrics().mySqlRetry();
    Duration delay = backoff.nextDelay();
    error = e.getMessage();
    LOG.warn("[shard={}] transient error ({} in a row), retrying in {}: {}", settings.shard(),
        backoff.failures(), delay, e.getMessage());
    // One deadlock or dropped connection is routine; a second failure in a row is reported.
    if (backoff.failures() >= 2) {
      status = ShardStatus.RETRYING;
    }
    report(false);
    return new RunResult(Outcome.WAIT, delay);
  }

  private void fail(ApplyException e) {
    failed = true;
    status = ShardStatus.ERROR;
    services.metrics().shardFailed();
    String text = e.getMessage();
    String recordLine = null;
    Optional<ChangeRecord> record = e.record();
    if (record.isPresent()) {
      recordLine = BufferRecordCodec.encode(record.get());
      try {
        String kept = services.keeper().keepFailed(
            currentRun.windowOf(record.get().commitTimestamp()), record.get(), text);
        text = text + " (record kept in " + kept + ")";
      } catch (IOException | RuntimeException keepError) {
        LOG.error("[shard={}] cannot keep the failed record: {}", settings.shard(),
            keepError.toString());
      }
    }
    error = text;
    LOG.error("[shard={}] stopped by a permanent error: {}", settings.shard(), text, e);
    failure = state(recordLine);
    failureReported = reporter.report(failure, true);
  }

  /** FAILED once the ERROR status is recorded; until then, come back to record it. */
  private RunResult failedOutcome() {
    if (!failureReported) {
      failureReported = reporter.report(failure, true);
    }
    return failureReported
        ? new RunResult(Outcome.FAILED, Duration.ZERO)
        : new RunResult(Outcome.WAIT, backoff.nextDelay());
  }

  private void report(boolean force) {
    reporter.report(state(null), force);
  }

  private ProgressReporter.State state(String errorRecord) {
    return new ProgressReporter.State(position == null ? settings.start() : position, status,
        checkpoint, lagSeconds, error, errorRecord);
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

}
