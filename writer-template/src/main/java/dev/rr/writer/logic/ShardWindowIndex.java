package dev.rr.writer.logic;

import dev.rr.common.buffer.IntervalGrid;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.mysql.ErrorClass;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The window files one shard's worker needs next, found at a cost that does not grow with the
 * number of windows already behind the shard.
 *
 * <p>A final window never changes: its file is never rewritten, and a final window without a
 * file stays empty. So what a look at the buffer found about a final window is kept, and each
 * call only asks about the windows that became final since the previous call: those ending after
 * what is already known and starting before {@code created_upto} (read before this call, as
 * {@link WindowPlanner} requires). Windows that end at or before the shard's position are
 * forgotten. Up to {@link #MAX_LOOKUPS} windows are asked for by exact name on the run's grid;
 * more, and a worker's first call, by one listing of the range of their starts. After the first
 * call, a call costs in proportion to the windows that became final since the last one - in
 * steady state one or two names - never to the files behind the position.
 *
 * <p>Exact names are only right when the writer's grid is the reader's. A listed file that is
 * not on the grid proves otherwise, and stops the shard with a permanent error instead of letting
 * later lookups miss files.
 */
public final class ShardWindowIndex {
  /** Most windows asked for by exact name in one call (one GCS batch request); more are listed. */
  static final int MAX_LOOKUPS = 100;

  private final String shard;
  private final IntervalGrid grid;
  private final WindowLister lister;
  /** Window files found in final windows that end after the position, by window. */
  private final NavigableMap<TimeWindow, String> known = new TreeMap<>();
  /** Every final window file ending after the position and at or before it is in known. */
  private Instant knownUpto;

  public ShardWindowIndex(String shard, IntervalGrid grid, WindowLister lister) {
    this.shard = Objects.requireNonNull(shard, "shard");
    this.grid = Objects.requireNonNull(grid, "grid");
    this.lister = Objects.requireNonNull(lister, "lister");
  }

  /**
   * The shard's window files that end after {@code position} and start before {@code
   * createdUpto}, by window: every one of them, so a window missing from the answer and ending at
   * or before {@code createdUpto} is empty.
   *
   * @param position everything committed before it is applied
   * @param createdUpto the reader's {@code created_upto} for the shard, read before this call
   * @throws ApplyException (permanent) when a listed window file is not on the run's grid
   */
  public NavigableMap<TimeWindow, String> files(Instant position, Instant createdUpto)
      throws IOException, ApplyException {
    while (!known.isEmpty() && !known.firstKey().end().isAfter(position)) {
      known.pollFirstEntry();
    }
    Instant from = knownUpto == null || knownUpto.isBefore(position) ? position : knownUpto;
    NavigableMap<TimeWindow, String> notYetFinal = new TreeMap<>();
    if (createdUpto.isAfter(from)) {
      Instant finalUpto =
          grid.isBoundary(createdUpto) ? createdUpto : grid.windowStart(createdUpto);
      for (Map.Entry<TimeWindow, String> entry : find(grid.windowStart(from), createdUpto)
          .entrySet()) {
        TimeWindow window = entry.getKey();
        if (!window.end().isAfter(position)) {
          continue;
        }
        // Only a final window's answer is kept: a later window's file may still appear.
        (window.end().isAfter(finalUpto) ? notYetFinal : known).put(window, entry.getValue());
      }
      if (knownUpto == null || finalUpto.isAfter(knownUpto)) {
        knownUpto = finalUpto;
      }
    }
    NavigableMap<TimeWindow, String> files = new TreeMap<>(known);
    files.putAll(notYetFinal);
    return files;
  }

  /**
   * The window files of the windows starting in {@code [from, to)}; {@code from} on the grid.
   */
  private NavigableMap<TimeWindow, String> find(Instant from, Instant to)
      throws IOException, ApplyException {
    long size = grid.sizeMillis();
    long count = (Duration.between(from, to).toMillis() + size - 1) / size;
    // The first call lists, so that a grid that is not the reader's shows on the files ahead.
    if (knownUpto != null && count <= MAX_LOOKUPS) {
      List<TimeWindow> windows = new ArrayList<>((int) count);
      for (Instant start = from; start.isBefore(to); start = start.plusMillis(size)) {
        windows.add(new TimeWindow(start, start.plusMillis(size)));
      }
      return lister.lookUp(shard, windows);
    }
    NavigableMap<TimeWindow, String> listed = lister.listStarting(shard, from, to);
    for (Map.Entry<TimeWindow, String> entry : listed.entrySet()) {
      requireOnGrid(entry.getKey(), entry.getValue());
    }
    return listed;
  }

  private void requireOnGrid(TimeWindow window, String file) throws ApplyException {
    if (!grid.isBoundary(window.start()) || window.duration().toMillis() != grid.sizeMillis()) {
      throw new ApplyException("[shard=" + shard + "] window file " + file + " is not on the"
          + " run's window grid " + grid + ": the writer's windowDuration or start is not the"
          + " reader's, and looking files up by name would miss some", ErrorClass.PERMANENT,
          null, null);
    }
  }
}
