package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.buffer.WindowFiles;
import dev.rr.common.model.ChangeRecord;
import dev.rr.writer.testing.InterleaveStream;
import dev.rr.writer.testing.TestBuffer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowRunTest {
  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

  @TempDir Path directory;

  private static FinalWindow file(int fromSecond, int toSecond) {
    return finalWindow(
        new TimeWindow(START.plusSeconds(fromSecond), START.plusSeconds(toSecond)),
        "f" + fromSecond);
  }

  private static FinalWindow finalWindow(TimeWindow window, String file) {
    return FinalWindow.certify(window, file, window.end());
  }

  private static Timestamp at(double second) {
    Instant instant = START.plusMillis((long) (second * 1000));
    return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }

  @Test
  void shouldFindTheWindowOfACommitAcrossGaps() {
    WindowRun run = new WindowRun(List.of(file(0, 1), file(1, 2), file(5, 6)));

    assertEquals(START, run.start());
    assertEquals(START.plusSeconds(6), run.end());
    assertEquals(file(0, 1).window(), run.windowOf(at(0.5)));
    assertEquals(file(1, 2).window(), run.windowOf(at(1)));
    assertEquals(file(5, 6).window(), run.windowOf(at(5.999)));
    // Outside every window (a hand-written file): the nearest window starting before it, or the
    // first.
    assertEquals(file(1, 2).window(), run.windowOf(at(3)));
    assertEquals(file(0, 1).window(), run.windowOf(at(-1)));
  }

  @Test
  void shouldRejectAnEmptyRunAndWindowsOutOfOrder() {
    assertThrows(IllegalArgumentException.class, () -> new WindowRun(List.of()));
    IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
        () -> new WindowRun(List.of(file(0, 2), file(1, 3))));
    assertTrue(overlap.getMessage().contains("does not follow"), overlap.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new WindowRun(List.of(file(2, 3), file(0, 1))));
  }

  @Test
  void shouldNameOneWindowOrTheSpanOfSeveral() {
    assertEquals("window [2024-03-01T00:00:00Z, 2024-03-01T00:00:01Z)",
        new WindowRun(List.of(file(0, 1))).toString());
    assertEquals("windows [2024-03-01T00:00:00Z, 2024-03-01T00:00:06Z) (3 files)",
        new WindowRun(List.of(file(0, 1), file(1, 2), file(5, 6))).toString());
  }

  @Test
  void shouldReadTheFilesOneAfterTheOtherInCommitOrder() throws Exception {
    TestBuffer buffer = new TestBuffer(directory);
    List<ChangeRecord> records = InterleaveStream
        .generate(7, "s", START, Duration.ofMillis(300), 40).records();
    List<TimeWindow> windows = buffer.writeWindows("s", START, Duration.ofSeconds(2), records);
    assertTrue(windows.size() > 3, windows.size() + " windows");
    List<FinalWindow> files = new ArrayList<>();
    for (TimeWindow window : windows) {
      files.add(finalWindow(window,
          WindowFiles.fileFor(buffer.directory(), "s", window).toString()));
    }

    List<ChangeRecord> read = new ArrayList<>();
    try (WindowRun.Records source = new WindowRun(files).records()) {
      source.forEachRemaining(read::add);
      assertFalse(source.hasNext());
    }
    assertEquals(records, read);
  }

  @Test
  void shouldReportAMissingFileWhenReachingIt() throws Exception {
    TestBuffer buffer = new TestBuffer(directory);
    List<ChangeRecord> records = InterleaveStream
        .generate(8, "s", START, Duration.ofMillis(300), 5).records();
    TimeWindow first = new TimeWindow(START, START.plusSeconds(60));
    buffer.write("s", first, records);
    String missing = directory.resolve("s").resolve("missing.txt").toString();
    WindowRun run = new WindowRun(List.of(
        finalWindow(first, WindowFiles.fileFor(buffer.directory(), "s", first)
            .toString()),
        finalWindow(new TimeWindow(first.end(), first.end().plusSeconds(1)),
            missing)));

    try (WindowRun.Records source = run.records()) {
      for (int i = 0; i < records.size(); i++) {
        source.next();
      }
      UncheckedIOException error = assertThrows(UncheckedIOException.class, source::hasNext);
      assertTrue(error.getMessage().contains(missing), error.getMessage());
    }
  }
}
