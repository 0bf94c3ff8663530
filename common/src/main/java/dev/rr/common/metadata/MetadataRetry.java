package dev.rr.common.metadata;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.SpannerExceptionFactory;
import com.google.cloud.spanner.TransactionRunner.TransactionCallable;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Bounded, jittered retry of metadata transactions rejected for a passing reason. On real Spanner
 * that is {@code ABORTED} only; the emulator, which allows one read-write transaction at a time,
 * also rejects overlapping ones with {@code FAILED_PRECONDITION} or {@code NOT_FOUND}.
 *
 * <p>Interim: to be replaced by the foundation's {@code dev.rr.common.spanner.SpannerRetry}.
 */
final class MetadataRetry {
  private static final int MAX_ATTEMPTS = 10;
  private static final long INITIAL_BACKOFF_MILLIS = 20;
  private static final long MAX_BACKOFF_MILLIS = 1_000;

  private final Set<ErrorCode> retryable;

  private MetadataRetry(Set<ErrorCode> retryable) {
    this.retryable = retryable;
  }

  static MetadataRetry standard() {
    return new MetadataRetry(EnumSet.of(ErrorCode.ABORTED));
  }

  static MetadataRetry forEmulator() {
    return new MetadataRetry(
        EnumSet.of(ErrorCode.ABORTED, ErrorCode.FAILED_PRECONDITION, ErrorCode.NOT_FOUND));
  }

  /** Runs {@code work} in a read-write transaction, again when it is rejected retryably. */
  <T> T readWrite(DatabaseClient client, TransactionCallable<T> work) {
    return call(() -> client.readWriteTransaction().run(work));
  }

  /** Applies {@code mutations} atomically, again when rejected retryably. */
  Timestamp write(DatabaseClient client, Iterable<Mutation> mutations) {
    return call(() -> client.write(mutations));
  }

  <T> T call(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (SpannerException e) {
        if (!retryable.contains(e.getErrorCode()) || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, INITIAL_BACKOFF_MILLIS << attempt);
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException ie) {
          throw SpannerExceptionFactory.propagateInterrupt(ie);
        }
      }
    }
  }
}
