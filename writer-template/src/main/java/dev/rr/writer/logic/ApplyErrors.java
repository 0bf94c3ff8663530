package dev.rr.writer.logic;

import dev.rr.common.buffer.BufferFormatException;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MappingException;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.MySqlErrorClassifier;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.routing.SpannerValueException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Classifies what can fail while a shard applies a window. Permanent when anything in the cause
 * chain says the content is wrong, so that rereading it gives the same: a buffer line that
 * cannot be decoded ({@link BufferFormatException}; bytes that are not UTF-8 among them, which
 * the JDK reports as an {@link IOException}), a record that cannot be mapped ({@link
 * MappingException}), a value that does not fit its Spanner type ({@link
 * SpannerValueException}), a failing custom transformation, or a statement larger than the
 * server takes ({@link ShardDialect#isStatementTooLarge}). Else transient when reading
 * the buffer failed on I/O (the file system may come back). Everything else, database and
 * connection-pool errors included, the shard's dialect decides ({@link MySqlErrorClassifier},
 * {@link dev.rr.common.postgres.PostgresErrorClassifier}).
 */
public final class ApplyErrors {
  private static final ShardDialect MYSQL = new MySqlDialect();

  private ApplyErrors() {}

  /** {@link #classify(Throwable, ShardDialect)} for a MySQL shard. */
  public static ErrorClass classify(Throwable error) {
    return classify(error, MYSQL);
  }

  /** TRANSIENT when applying the window again may succeed, else PERMANENT. */
  public static ErrorClass classify(Throwable error, ShardDialect dialect) {
    if (dialect.isStatementTooLarge(error)
        || anyCause(error, ApplyErrors::isBadContent)) {
      return ErrorClass.PERMANENT;
    }
    if (anyCause(error, ApplyErrors::isPassingFailure)) {
      return ErrorClass.TRANSIENT;
    }
    return dialect.classify(error);
  }

  private static boolean isBadContent(Throwable error) {
    return error instanceof BufferFormatException
        || error instanceof CharacterCodingException
        || error instanceof MappingException
        || error instanceof SpannerValueException
        || error instanceof TransformationException;
  }

  private static boolean isPassingFailure(Throwable error) {
    return error instanceof IOException
        || error instanceof UncheckedIOException;
  }

  private static boolean anyCause(Throwable error, Predicate<Throwable> test) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable current = error;
        current != null && seen.put(current, Boolean.TRUE) == null;
        current = current.getCause()) {
      if (test.test(current)) {
        return true;
      }
    }
    return false;
  }
}
