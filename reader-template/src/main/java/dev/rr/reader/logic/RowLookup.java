package dev.rr.reader.logic;

import com.google.cloud.Timestamp;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/** Reads a row of the change stream's database as of a timestamp. */
public interface RowLookup extends AutoCloseable {

  /**
   * The row of {@code table} with primary key {@code keysJson} (change-stream JSON) as it was at
   * {@code at}, by column name; empty when no such row existed then.
   */
  Optional<Map<String, Object>> readRow(String table, String keysJson, Timestamp at);

  /** Releases the lookup's connections. */
  @Override
  default void close() {}

  /** Opens a lookup on a worker; serializable so a DoFn can carry it and open it in setup. */
  interface Factory extends Serializable {
    RowLookup open();
  }

  /** The row cannot be read at that time, for good (e.g. older than the version retention). */
  final class LookupFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LookupFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
