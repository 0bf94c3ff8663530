package dev.rr.writer.logic;

import dev.rr.common.buffer.BufferFileException;
import dev.rr.common.buffer.BufferFormatException;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MySqlErrorClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Classifies what can fail while a shard applies a window: MySQL errors by {@link
 * MySqlErrorClassifier}; reading the buffer is transient when it is I/O (the file system may come
 * back) and permanent when a line cannot be decoded; connections the pool could not get in time
 * are transient.
 */
public final class ApplyErrors {
  private ApplyErrors() {}

  /** TRANSIENT when applying the window again may succeed, else PERMANENT. */
  public static ErrorClass classify(Throwable error) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable current = error;
        current != null && seen.put(current, Boolean.TRUE) == null;
        current = current.getCause()) {
      if (current instanceof BufferFormatException) {
        return ErrorClass.PERMANENT;
      }
      if (current instanceof BufferFileException && current.getCause() instanceof IOException) {
        return ErrorClass.TRANSIENT;
      }
      if (current instanceof IOException || current instanceof UncheckedIOException) {
        return ErrorClass.TRANSIENT;
      }
      if (current instanceof SQLTransientException || current instanceof SQLRecoverableException) {
        return ErrorClass.TRANSIENT;
      }
    }
    return MySqlErrorClassifier.classify(error);
  }
}
