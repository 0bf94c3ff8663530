package dev.rr.common.spanner;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.ReadOnlyTransaction;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;

/**
 * Spanner's own "now": the timestamp of a strong read.
 *
 * <p>A strong read sees every transaction committed before it, so its read timestamp is at or after
 * every commit timestamp Spanner has handed out. The local clock gives no such promise: it has
 * millisecond precision (a commit later in the same millisecond has a larger timestamp) and may lag
 * the clock Spanner (or the emulator) assigns commit timestamps from. A cutover or verification
 * time "after the last write" must therefore come from here, never from {@code Timestamp.now()}.
 */
public final class SpannerTime {
  private SpannerTime() {}

  /** A timestamp after every transaction committed in {@code client}'s database so far. */
  public static Timestamp now(DatabaseClient client) {
    try (ReadOnlyTransaction read = client.singleUseReadOnlyTransaction();
        ResultSet rows = read.executeQuery(Statement.of("SELECT 1"))) {
      while (rows.next()) {
        // The read timestamp is known once the query has run.
      }
      return read.getReadTimestamp();
    }
  }
}
