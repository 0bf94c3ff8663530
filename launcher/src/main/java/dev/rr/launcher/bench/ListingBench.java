package dev.rr.launcher.bench;

import dev.rr.common.buffer.BufferListing;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.buffer.WindowFiles;
import dev.rr.writer.logic.ApplyException;
import dev.rr.writer.logic.ShardWindowIndex;
import dev.rr.writer.logic.WindowLister;
import dev.rr.writer.logic.WindowPlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one poll of a caught-up shard costs, against the number of window files behind it: the
 * whole-directory listing every poll made before (old) against the shard's {@link
 * ShardWindowIndex} (new), on a real local directory, in one run. Each poll, one more window
 * becomes final; both ways must give the planner the same plan, or the run fails.
 */
final class ListingBench {
  static final Instant ORIGIN = Instant.parse("2026-01-05T00:00:00Z");
  static final Duration WINDOW = Duration.ofSeconds(10);
  private static final String SHARD = "shard1";

  /** The figures of one directory size. */
  record Point(int files, int polls, double oldMicros, double newMicros, double firstCallMicros,
      long oldEntriesPerPoll, boolean samePlans) {
    double ratio() {
      return oldMicros / newMicros;
    }
  }

  private ListingBench() {}

  /** Measures each size in {@code sizes} with {@code polls} polls, in {@code workDir}. */
  static List<Point> run(Path workDir, List<Integer> sizes, int polls, PrintWriter out)
      throws IOException, ApplyException {
    List<Point> points = new ArrayList<>();
    for (int size : sizes) {
      Path buffer = workDir.resolve("listing-" + size);
      deleteTree(buffer);
      writeFiles(buffer, size + polls);
      points.add(measure(buffer.toString(), size, polls));
      deleteTree(buffer);
    }
    TextTable table = new TextTable("files behind", "polls", "old us/poll", "new us/poll",
        "old/new", "old entries/poll", "new names/poll", "new first call us", "same plans");
    for (Point p : points) {
      table.row(TextTable.count(p.files()), p.polls(), TextTable.count(p.oldMicros()),
          TextTable.count(p.newMicros()), TextTable.decimal(p.ratio()),
          TextTable.count(p.oldEntriesPerPoll()), 1, TextTable.count(p.firstCallMicros()),
          p.samePlans());
    }
    table.print(out);
    JsonLine json = new JsonLine("listing").put("polls", polls);
    for (Point p : points) {
      json.put("old_us_" + p.files(), p.oldMicros()).put("new_us_" + p.files(), p.newMicros())
          .put("ratio_" + p.files(), p.ratio());
    }
    json.put("same_plans", points.stream().allMatch(Point::samePlans)).print(out);
    return points;
  }

  private static Point measure(String buffer, int behind, int polls)
      throws IOException, ApplyException {
    IntervalGrid grid = IntervalGrid.anchoredAt(ORIGIN, WINDOW);
    ShardWindowIndex index = new ShardWindowIndex(SHARD, grid, WindowLister.of(buffer));
    // A worker's first call lists the range from its position (here one window) once.
    long first = System.nanoTime();
    index.files(boundary(behind - 1), boundary(behind));
    long firstCall = System.nanoTime() - first;
    Instant position = boundary(behind);
    long oldNanos = 0;
    long newNanos = 0;
    long entries = 0;
    boolean same = true;
    for (int poll = 0; poll < polls; poll++) {
      Optional<Instant> createdUpto = Optional.of(boundary(behind + poll + 1));
      long t0 = System.nanoTime();
      NavigableMap<TimeWindow, String> all = new TreeMap<>();
      BufferListing.windowFiles(buffer, SHARD).forEach((w, f) -> all.put(w, f.toString()));
      long t1 = System.nanoTime();
      NavigableMap<TimeWindow, String> needed = index.files(position, createdUpto.get());
      long t2 = System.nanoTime();
      oldNanos += t1 - t0;
      newNanos += t2 - t1;
      entries += all.size();
      WindowPlanner.Plan oldPlan = WindowPlanner.plan(position, createdUpto, all, Optional.empty());
      WindowPlanner.Plan newPlan =
          WindowPlanner.plan(position, createdUpto, needed, Optional.empty());
      same &= oldPlan.equals(newPlan) && oldPlan.steps().size() == 1;
      position = newPlan.positionAfter();
    }
    return new Point(behind, polls, oldNanos / 1e3 / polls, newNanos / 1e3 / polls,
        firstCall / 1e3, entries / polls, same);
  }

  private static Instant boundary(int k) {
    return ORIGIN.plus(WINDOW.multipliedBy(k));
  }

  /** One small window file for each of the first {@code count} windows of the grid. */
  private static void writeFiles(Path buffer, int count) throws IOException {
    Path shard = Files.createDirectories(buffer.resolve(SHARD));
    byte[] line = "{}\n".getBytes(StandardCharsets.UTF_8);
    for (int k = 0; k < count; k++) {
      Files.write(shard.resolve(WindowFiles.fileName(TimeWindow.starting(boundary(k), WINDOW))),
          line);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
