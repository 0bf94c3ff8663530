package dev.rr.writer.logic;

import dev.rr.common.buffer.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what one shard can do now, from one listing of its window files and one reading of
 * its {@code created_upto}: which windows to apply, in order, and how far empty stretches can be
 * skipped.
 *
 * <p>The shard's position {@code P} means "every change committed before P is applied". A
 * window file whose window ends after P is applied. A gap before the next file is empty, and
 * skipped, only when {@code created_upto} has reached the file's start: the reader publishes
 * {@code created_upto} only once every window up to it is final, so {@code created_upto} must be
 * read <em>before</em> the listing for a missing file to mean "no data".
 */
public final class WindowPlanner {

  /** One thing to do, in order. */
  public sealed interface Step permits ApplyWindow, SkipEmpty {}

  /**
   * Apply the window file {@code file}.
   *
   * @param window the file's window
   * @param file the file, as a Beam file spec (path or {@code gs://} URI)
   */
  public record ApplyWindow(TimeWindow window, String file) implements Step {}

  /** Nothing was committed in {@code [from, to)}: move on without reading anything. */
  public record SkipEmpty(Instant from, Instant to) implements Step {}

  /**
   * What to do now.
   *
   * @param steps the steps, in order
   * @param positionAfter the position once every step is done
   * @param done true when the shard has then applied everything up to the end timestamp
   */
  public record Plan(List<Step> steps, Instant positionAfter, boolean done) {
    public Plan {
      steps = List.copyOf(steps);
    }

    /** True when, after the steps, the shard must wait for the reader. */
    public boolean waiting() {
      return !done;
    }
  }

  private WindowPlanner() {}

  /**
   * Plans from {@code position}.
   *
   * @param position every change committed before it is applied
   * @param createdUpto the reader's {@code created_upto} for the shard, read before the listing
   * @param files the shard's window files by window, as listed
   * @param end the last commit timestamp to apply (inclusive), absent for an open-ended run
   */
  public static Plan plan(
      Instant position,
      Optional<Instant> createdUpto,
      NavigableMap<TimeWindow, String> files,
      Optional<Instant> end) {
    Objects.requireNonNull(position, "position");
    List<Step> steps = new ArrayList<>();
    Instant p = position;
    // Start of the first listed window that is not applied now: empty stretches stop there.
    Instant limit = null;
    for (Map.Entry<TimeWindow, String> entry : files.entrySet()) {
      TimeWindow window = entry.getKey();
      if (!window.end().isAfter(p)) {
        continue;
      }
      if (end.isPresent() && window.start().isAfter(end.get())) {
        limit = window.start();
        break;
      }
      if (window.start().isAfter(p)) {
        if (createdUpto.isEmpty() || createdUpto.get().isBefore(window.start())) {
          limit = window.start();
          break;
        }
        steps.add(new SkipEmpty(p, window.start()));
        p = window.start();
      }
      steps.add(new ApplyWindow(window, entry.getValue()));
      p = window.end();
    }
    if (createdUpto.isPresent()) {
      Instant reach = limit == null || createdUpto.get().isBefore(limit) ? createdUpto.get() : limit;
      if (reach.isAfter(p)) {
        steps.add(new SkipEmpty(p, reach));
        p = reach;
      }
    }
    boolean done = end.isPresent() && p.isAfter(end.get());
    return new Plan(steps, p, done);
  }
}
