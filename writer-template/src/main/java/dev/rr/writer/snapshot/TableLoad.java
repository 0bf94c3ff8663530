package dev.rr.writer.snapshot;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The load of one Spanner table into one shard as the shard's progress tables say it stands: rows
 * loaded (every finished chunk, also those of an earlier, interrupted attempt) of the rows
 * estimated at T, and the rate of the current attempt.
 *
 * @param shard logical shard id
 * @param table Spanner table name
 * @param kind an initial snapshot or an {@code rr resync}
 * @param loaded rows of the table's finished chunks
 * @param estimated rows of the table at T that route to the shard
 * @param chunksDone chunks finished
 * @param chunkCount chunks of the table (all shards together; a shard may get fewer)
 * @param loadedThisAttempt rows of chunks finished since the current attempt started
 * @param sinceStart time since the current attempt started
 */
public record TableLoad(String shard, String table, Kind kind, long loaded, long estimated,
    long chunksDone, int chunkCount, long loadedThisAttempt, Duration sinceStart) {

  /** What loads the shard. */
  public enum Kind {
    /** An initial snapshot ({@code rr launch --initialSnapshot}); the writer is not started. */
    SNAPSHOT,
    /** An {@code rr resync}; the shard's checkpoint is a fence, its writer waits. */
    RESYNC
  }

  public TableLoad {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sinceStart, "sinceStart");
  }

  /** Rows per second of the current attempt; 0 before a chunk of it finished. */
  public double rowsPerSecond() {
    double seconds = sinceStart.toNanos() / 1e9;
    return seconds <= 0 ? 0 : loadedThisAttempt / seconds;
  }

  /** Time left at the current rate; empty when nothing moved yet, zero when all is loaded. */
  public Optional<Duration> eta() {
    long left = Math.max(0, estimated - loaded);
    if (left == 0) {
      return Optional.of(Duration.ZERO);
    }
    double rate = rowsPerSecond();
    return rate <= 0 ? Optional.empty()
        : Optional.of(Duration.ofMillis((long) Math.ceil(left / rate * 1000)));
  }

  /** Percent of the estimate loaded, 0 to 100 (100 for an empty table). */
  public int percent() {
    return estimated <= 0 ? 100 : (int) Math.min(100, loaded * 100 / estimated);
  }

  /** The loads of one shard summed over its tables (table {@code "*"}); none gives zeros. */
  public static TableLoad total(String shard, Kind kind, List<TableLoad> tables) {
    long loaded = 0;
    long estimated = 0;
    long chunks = 0;
    int chunkCount = 0;
    long thisAttempt = 0;
    Duration since = Duration.ZERO;
    for (TableLoad table : tables) {
      loaded += table.loaded;
      estimated += table.estimated;
      chunks += table.chunksDone;
      chunkCount += table.chunkCount;
      thisAttempt += table.loadedThisAttempt;
      since = since.compareTo(table.sinceStart) >= 0 ? since : table.sinceStart;
    }
    return new TableLoad(shard, "*", kind, loaded, estimated, chunks, chunkCount, thisAttempt,
        since);
  }

  /** {@code 1200 of 3000 rows (40%), 18 chunks, 240 rows/s, ETA 7.5s}. */
  public String describe() {
    return String.format(Locale.ROOT, "%d of %d rows (%d%%), %d chunks, %.0f rows/s, ETA %s",
        loaded, estimated, percent(), chunksDone, rowsPerSecond(),
        eta().map(TableLoad::human).orElse("-"));
  }

  /** {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h03m}, as {@code rr status} prints. */
  public static String human(Duration value) {
    long millis = value.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }
}
