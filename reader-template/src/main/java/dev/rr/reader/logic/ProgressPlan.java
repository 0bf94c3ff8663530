package dev.rr.reader.logic;

import dev.rr.common.buffer.IntervalGrid;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What progress a run publishes and when: for each window end {@code T} of the grid from the
 * run's start, every shard's {@code created_upto} becomes {@code T} once the watermark has passed
 * {@code T} (so every file of every window ending at or before {@code T} has been written). The
 * last window end is the end of the window holding the end timestamp of a bounded run.
 *
 * <p>Values already in the metadata table (a resumed run) are never moved back.
 */
public final class ProgressPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A window end this far beyond the wall clock cannot come from change data (commit timestamps
   * are never in the future), only from a source that stopped (drain): progress stops there.
   */
  public static final Duration MIN_FUTURE_SLACK = Duration.ofMinutes(1);

  private final IntervalGrid grid;
  private final Instant start;
  private final Instant lastEnd;
  private final List<String> shards;
  private final Map<String, Instant> alreadyPublished;

  /**
   * @param grid the run's window grid
   * @param start first commit time read (the seed of the progress loop)
   * @param end last commit time read (inclusive) of a bounded run, or null
   * @param shards every logical shard of the shards file, with data or not
   * @param alreadyPublished created_upto values already stored for this run, by shard
   */
  public ProgressPlan(
      IntervalGrid grid,
      Instant start,
      Instant end,
      List<String> shards,
      Map<String, Instant> alreadyPublished) {
    this.grid = Objects.requireNonNull(grid, "grid");
    this.start = Objects.requireNonNull(start, "start");
    this.lastEnd = end == null ? null : grid.windowEnd(end);
    this.shards = List.copyOf(shards);
    this.alreadyPublished = Map.copyOf(alreadyPublished);
  }

  /** First commit time read: where the progress loop is seeded. */
  public Instant start() {
    return start;
  }

  /** The first window end after the start: where the progress timer first fires. */
  public Instant firstWindowEnd() {
    return grid.windowEnd(start);
  }

  /** The window end after {@code end}, or empty when {@code end} is the run's last. */
  public Optional<Instant> nextWindowEnd(Instant end) {
    return isLast(end) ? Optional.empty() : Optional.of(grid.nextEnd(end));
  }

  /** True when {@code end} is the last window end of a bounded run. */
  public boolean isLast(Instant end) {
    return lastEnd != null && !end.isBefore(lastEnd);
  }

  /** True for a run with an end timestamp. */
  public boolean isBounded() {
    return lastEnd != null;
  }

  /** The latest window end of the grid at or before {@code instant}. */
  public Instant lastEndAtOrBefore(Instant instant) {
    return grid.windowStart(instant);
  }

  /** True when a watermark at {@code end} can only mean the source has stopped. */
  public boolean isBeyondWallClock(Instant end, Instant now) {
    Duration slack = Duration.ofMillis(Math.max(MIN_FUTURE_SLACK.toMillis(), grid.sizeMillis()));
    return end.isAfter(now.plus(slack));
  }

  /** The updates that make every shard's created_upto {@code end}, skipping those already there. */
  public List<ProgressUpdate> updatesAt(Instant end) {
    List<ProgressUpdate> updates = new ArrayList<>(shards.size());
    for (String shard : shards) {
      Instant published = alreadyPublished.get(shard);
      if (published == null || published.isBefore(end)) {
        updates.add(new ProgressUpdate(shard, end));
      }
    }
    return updates;
  }

  @Override
  public String toString() {
    return "ProgressPlan{" + grid + ", start=" + start + ", lastEnd=" + lastEnd
        + ", shards=" + shards + "}";
  }
}
