package dev.rr.reader.logic;

import com.google.cloud.Timestamp;
import java.util.Collection;
import java.util.Map;

/**
 * Where a resumed reader starts: the earliest window any shard of the run still needs, i.e. the
 * least {@code processed_upto} (the writer's progress) over the run's shards; a shard the writer
 * has not started counts from the run's start. Snapped to the run's window grid, never before the
 * run's start. Windows from there on are rewritten under the same names.
 */
public final class ResumePoint {
  private ResumePoint() {}

  /**
   * @param runStart the run's original start timestamp (origin of its grid)
   * @param grid the run's window grid
   * @param shards every shard of the shards file
   * @param processedUpto the writer's processed_upto by shard (shards without progress absent)
   */
  public static Timestamp earliestNeeded(
      Timestamp runStart, IntervalGrid grid, Collection<String> shards,
      Map<String, Timestamp> processedUpto) {
    Timestamp earliest = null;
    for (String shard : shards) {
      Timestamp needed = processedUpto.getOrDefault(shard, runStart);
      if (earliest == null || needed.compareTo(earliest) < 0) {
        earliest = needed;
      }
    }
    if (earliest == null || earliest.compareTo(runStart) <= 0) {
      return runStart;
    }
    java.time.Instant windowStart = grid.windowStart(IntervalGrid.toInstant(earliest));
    Timestamp snapped =
        Timestamp.ofTimeSecondsAndNanos(windowStart.getEpochSecond(), windowStart.getNano());
    return snapped.compareTo(runStart) <= 0 ? runStart : snapped;
  }
}
