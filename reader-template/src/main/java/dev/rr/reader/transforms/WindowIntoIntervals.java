package dev.rr.reader.transforms;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.buffer.IntervalGrid;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.Window.OnTimeBehavior;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Step 5: fixed windows of the run's {@link IntervalGrid}, by commit time (the change-stream
 * source timestamps each record with its commit timestamp).
 *
 * <p>Each window fires once, when the watermark passes its end (the on-time pane, whose file the
 * writer reads). Records arriving later than that, up to {@link #LATE_DATA_HORIZON}, fire late
 * panes that {@link WriteShardFiles} merges into the window's file while the window is not final,
 * and keeps apart in the late directory (counted) once it is: a final window is never rewritten.
 * Records later still never get here: {@link DivertExpiredRecords}, before this step, keeps them
 * in the late directory before Beam's window expiry could drop them.
 */
public final class WindowIntoIntervals
    extends PTransform<PCollection<KV<String, ChangeRecord>>, PCollection<KV<String, ChangeRecord>>> {

  /**
   * How long after a window's end late records still fire a late pane; beyond it Beam would drop
   * them, so {@link DivertExpiredRecords} diverts them first. The change-stream source never emits
   * late data: its watermark does not pass records it has not read.
   */
  public static final Duration LATE_DATA_HORIZON = Duration.standardHours(1);

  private final IntervalGrid grid;

  private WindowIntoIntervals(IntervalGrid grid) {
    this.grid = grid;
  }

  public static WindowIntoIntervals of(IntervalGrid grid) {
    return new WindowIntoIntervals(grid);
  }

  @Override
  public PCollection<KV<String, ChangeRecord>> expand(PCollection<KV<String, ChangeRecord>> input) {
    FixedWindows windows =
        FixedWindows.of(Duration.millis(grid.sizeMillis()))
            .withOffset(Duration.millis(grid.offsetMillis()));
    return input.apply(
        "FixedWindowsOfTheGrid",
        Window.<KV<String, ChangeRecord>>into(windows)
            .triggering(
                AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(LATE_DATA_HORIZON)
            .withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY)
            .discardingFiredPanes());
  }
}
