package dev.rr.common.spanner;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.SpannerExceptionFactory;
import com.google.cloud.spanner.TransactionRunner.TransactionCallable;
import dev.rr.common.retry.Backoff;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Spanner work again when Spanner (or the emulator) rejected it for a reason that goes away:
 * bounded attempts, exponential backoff with full jitter, classified by {@link ErrorCode} only.
 *
 * <p>The emulator allows one read-write transaction or schema change at a time and rejects the
 * others: a concurrent schema change fails with {@code FAILED_PRECONDITION}, an overlapping
 * transaction with {@code ABORTED}, {@code FAILED_PRECONDITION} ("invalid transaction id") or
 * {@code NOT_FOUND} ("transaction not found"). {@link #forEmulator()} retries those codes. On real
 * Spanner they mean a real problem, and the client already retries {@code ABORTED} inside
 * {@code readWriteTransaction().run} and {@code write} until their deadline, so {@link #standard()}
 * retries nothing: it does not stack its attempts on the client's. Work that is retried must be
 * safe to repeat: mutations, DDL and transaction callables all are, because a rejected attempt
 * committed nothing. Waits follow the project's one {@link Backoff}.
 *
 * <pre>{@code
 * SpannerRetry retry = SpannerRetry.forEmulatorHost(config.emulatorHost()); // null: real Spanner
 * retry.updateDdl(admin, instanceId, databaseId, List.of("CREATE TABLE t (k INT64) PRIMARY KEY (k)"));
 * Timestamp commit = retry.write(client, List.of(mutation));
 * long rows = retry.readWrite(client, tx -> tx.executeUpdate(statement));
 * }</pre>
 */
public final class SpannerRetry {

  /** Attempts (first try included) unless set otherwise. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(20);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
  private static final Set<ErrorCode> EMULATOR_CODES =
      EnumSet.of(ErrorCode.ABORTED, ErrorCode.FAILED_PRECONDITION, ErrorCode.NOT_FOUND);
  private static final Set<ErrorCode> STANDARD_CODES = EnumSet.noneOf(ErrorCode.class);
  private static final Logger LOG = LoggerFactory.getLogger(SpannerRetry.class);

  private final Set<ErrorCode> retryableCodes;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  private SpannerRetry(Set<ErrorCode> retryableCodes, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.retryableCodes = Set.copyOf(retryableCodes);
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** Retries what the emulator rejects while other work holds its single transaction slot. */
  public static SpannerRetry forEmulator() {
    return new SpannerRetry(EMULATOR_CODES, DEFAULT_MAX_ATTEMPTS, INITIAL_BACKOFF, MAX_BACKOFF);
  }

  /**
   * Retries nothing: for real Spanner, whose client retries {@code ABORTED} transactions itself
   * (ten attempts on top of that would multiply the client's deadline).
   */
  public static SpannerRetry standard() {
    return new SpannerRetry(STANDARD_CODES, DEFAULT_MAX_ATTEMPTS, INITIAL_BACKOFF, MAX_BACKOFF);
  }

  /** {@link #forEmulator()} when {@code emulatorHost} is set (not null, not blank), else {@link #standard()}. */
  public static SpannerRetry forEmulatorHost(String emulatorHost) {
    return emulatorHost == null || emulatorHost.isBlank() ? standard() : forEmulator();
  }

  /** The same policy with another number of attempts (first try included). */
  public SpannerRetry withMaxAttempts(int attempts) {
    return new SpannerRetry(retryableCodes, attempts, initialBackoff, maxBackoff);
  }

  /** The same policy with other backoff bounds (each sleep is uniform in [0, min(max, initial * 2^n)]). */
  public SpannerRetry withBackoff(Duration initial, Duration max) {
    return new SpannerRetry(retryableCodes, maxAttempts, initial, max);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** Whether {@code error} is a {@link SpannerException} whose code this policy retries. */
  public boolean isRetryable(Throwable error) {
    return error instanceof SpannerException e && retryableCodes.contains(e.getErrorCode());
  }

  /**
   * Runs {@code work}, again after a retryable {@link SpannerException}, at most {@link #maxAttempts()}
   * times; then throws the last error. {@code what} names the work in log lines.
   */
  public <T> T call(String what, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (SpannerException e) {
        if (!isRetryable(e) || attempt >= maxAttempts) {
          throw e;
        }
        LOG.debug("[spanner-retry] {} attempt {}/{} rejected with {}, retrying", what, attempt, maxAttempts,
            e.getErrorCode());
        sleep(backoff(attempt));
      }
    }
  }

  /** {@link #call} for work without a result. */
  public void run(String what, Runnable work) {
    call(what, () -> {
      work.run();
      return null;
    });
  }

  /** Applies {@code mutations} in one transaction; returns its commit timestamp. */
  public Timestamp write(DatabaseClient client, Iterable<Mutation> mutations) {
    return call("write", () -> client.write(mutations));
  }

  /** Runs {@code work} in a read-write transaction; returns its result. */
  public <T> T readWrite(DatabaseClient client, TransactionCallable<T> work) {
    return call("read-write transaction", () -> client.readWriteTransaction().run(work));
  }

  /** Applies {@code ddl} to database {@code databaseId} and waits until it is done. */
  public void updateDdl(DatabaseAdminClient admin, String instanceId, String databaseId, Iterable<String> ddl) {
    List<String> statements = StreamSupport.stream(ddl.spliterator(), false).toList();
    if (statements.isEmpty()) {
      return;
    }
    run("DDL on " + databaseId, () -> await(admin.updateDatabaseDdl(instanceId, databaseId, statements, null)));
  }

  /**
   * Creates database {@code databaseId}, then applies {@code ddl}. A database that already exists
   * because an earlier attempt created it counts as created.
   */
  public void createDatabase(DatabaseAdminClient admin, String instanceId, String databaseId, Iterable<String> ddl) {
    createDatabase(admin, instanceId, databaseId, Dialect.GOOGLE_STANDARD_SQL, ddl);
  }

  /** Like {@link #createDatabase(DatabaseAdminClient, String, String, Iterable)}, in {@code dialect}. */
  public void createDatabase(DatabaseAdminClient admin, String instanceId, String databaseId,
      Dialect dialect, Iterable<String> ddl) {
    AtomicBoolean attempted = new AtomicBoolean();
    run("create database " + databaseId, () -> {
      boolean retrying = attempted.getAndSet(true);
      try {
        await(admin.createDatabase(
            instanceId, dialect.createDatabaseStatementFor(databaseId), dialect, List.of()));
      } catch (SpannerException e) {
        if (!(retrying && e.getErrorCode() == ErrorCode.ALREADY_EXISTS)) {
          throw e;
        }
      }
    });
    updateDdl(admin, instanceId, databaseId, ddl);
  }

  Duration backoff(int attempt) {
    return Backoff.delay(initialBackoff, maxBackoff, attempt, ThreadLocalRandom.current().nextDouble());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw SpannerExceptionFactory.asSpannerException(e.getCause());
    } catch (InterruptedException e) {
      throw SpannerExceptionFactory.propagateInterrupt(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      throw SpannerExceptionFactory.propagateInterrupt(e);
    }
  }
}
