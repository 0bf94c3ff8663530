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
 * Decides what one shard can do now, from one reading of its {@code created_upto} and one listing
 * of its window files: which windows to apply, in order, and how far empty stretches can be
 * skipped.
 *
 * <p>The shard's position {@code P} means "every change committed before P is applied". The
 * reader's {@code created_upto} {@code C} means "every window ending at or before C is final: its
 * file exists if it had data, holds every change of its window, and is never rewritten". So:
 *
 * <ul>
 *   <li>a window is applied only when it is final (its end is at or before {@code C}); the plan
 *       carries it as a {@link FinalWindow}, which cannot be made otherwise. A file for a later
 *       window may exist and be incomplete (a drained or stopped reader, an unread change-stream
 *       partition): the shard waits for it;
 *   <li>a stretch without a file is empty, and skipped, only up to {@code C}.
 * </ul>
 *
 * <p>{@code created_upto} must be read <em>before</em> the listing, so that a file missing from
 * the listing is truly absent.
 */
public final class WindowPlanner {

  /** One thing to do, in order. */
  public sealed interface Step permits ApplyWindow, SkipEmpty {}

  /** Apply the final window {@code window}. */
  public record ApplyWindow(FinalWindow window) implements Step {}

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
   * @param createdUpto the reader's {@code created_upto} for the shard, read before the listing;
   *     empty before the reader declared any window final (nothing can be applied then)
   * @param files the shard's window files by window, as listed
   * @param end the last commit timestamp to apply (inclusive), absent for an open-ended run
   */
  public static Plan plan(
      Instant position,
      Optional<Instant> createdUpto,
      NavigableMap<TimeWindow, String> files,
      Optional<Instant> end) {
    Objects.requireNonNull(position, "position");
    if (createdUpto.isEmpty()) {
      return new Plan(List.of(), position, false);
    }
    Instant finalUpto = createdUpto.get();
    List<Step> steps = new ArrayList<>();
    Instant p = position;
    // Empty stretches are skipped up to created_upto, and never past a listed window that is
    // not applied now.
    Instant reach = finalUpto;
    for (Map.Entry<TimeWindow, String> entry : files.entrySet()) {
      TimeWindow window = entry.getKey();
      if (!window.end().isAfter(p)) {
        continue;
      }
      boolean pastEnd = end.isPresent() && window.start().isAfter(end.get());
      if (pastEnd || window.end().isAfter(finalUpto)) {
        reach = earlier(reach, window.start());
        break;
      }
      if (window.start().isAfter(p)) {
        steps.add(new SkipEmpty(p, window.start()));
      }
      steps.add(new ApplyWindow(FinalWindow.certify(window, entry.getValue(), finalUpto)));
      p = window.end();
    }
    if (reach.isAfter(p)) {
      steps.add(new SkipEmpty(p, reach));
      p = reach;
    }
    boolean done = end.isPresent() && p.isAfter(end.get());
    return new Plan(steps, p, done);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
