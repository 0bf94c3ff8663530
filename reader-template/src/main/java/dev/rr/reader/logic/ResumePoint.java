package dev.rr.reader.logic;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.IntervalGrid;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Where a resumed reader starts: where the buffer stops being final, i.e. the least {@code
 * created_upto} over the shards it serves (a shard without one counts from the run's start).
 * Every window before it is final for every shard and is neither read nor written again; windows
 * from there on are read again, and a window already final for some shard (its {@code
 * created_upto} is further) is not rewritten for that shard ({@link FinalWindows}). Where the
 * writers stand does not matter: a shard that lags or sits in {@code ERROR} finds its final files
 * untouched. Snapped to the run's window grid, never before the run's start.
 */
public final class ResumePoint {
  private ResumePoint() {}

  /**
   * @param runStart the run's original start timestamp (origin of its grid)
   * @param grid the run's window grid
   * @param shards every shard of the shards file
   * @param createdUpto the reader's created_upto by shard (shards without one absent)
   */
  public static Timestamp firstNotFinal(
      Timestamp runStart, IntervalGrid grid, Collection<String> shards,
      Map<String, Timestamp> createdUpto) {
    Timestamp earliest = null;
    for (String shard : shards) {
      Timestamp finalUpto = createdUpto.getOrDefault(shard, runStart);
      if (earliest == null || finalUpto.compareTo(earliest) < 0) {
        earliest = finalUpto;
      }
    }
    if (earliest == null || earliest.compareTo(runStart) <= 0) {
      return runStart;
    }
    Instant windowStart = grid.windowStart(IntervalGrid.toInstant(earliest));
    Timestamp snapped =
        Timestamp.ofTimeSecondsAndNanos(windowStart.getEpochSecond(), windowStart.getNano());
    return snapped.compareTo(runStart) <= 0 ? runStart : snapped;
  }
}
