package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.input.Shard;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a window is ready for the writer: the split point between reader and writer lag. */
class VisibilityWatcherTest {
  private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
  private static final Shard SHARD =
      new Shard("shard00", "127.0.0.1", 3306, "u", "p", "db", Map.of());

  private final VisibilityWatcher watcher =
      new VisibilityWatcher(Path.of("unused"), SHARD, Optional::empty);

  @Test
  void shouldBeReadyWhenItsFileAndEveryEarlierFileAppeared() {
    watcher.noteFile(window(0), at(5));
    watcher.noteFile(window(1), at(3));
    watcher.noteFile(window(2), at(4));

    assertEquals(Optional.of(at(5)), watcher.windowReady(START.plusMillis(2_500), START),
        "window 2 waits for window 0's late file");
    assertEquals(Optional.of(at(3)), watcher.windowReady(START.plusMillis(1_500), START.plusSeconds(1)),
        "windows before the start do not count");
  }

  @Test
  void shouldWaitForCreatedUptoToPassAnEmptyWindowBeforeIt() {
    watcher.noteFile(window(0), at(2));
    watcher.noteFile(window(2), at(4));
    Instant commit = START.plusMillis(2_200);

    assertTrue(watcher.windowReady(commit, START).isEmpty(), "window 1 is not known to be empty");

    watcher.noteCreatedUpto(START.plusSeconds(1), at(5));
    assertTrue(watcher.windowReady(commit, START).isEmpty(), "created_upto has not passed window 1");

    watcher.noteCreatedUpto(START.plusSeconds(2), at(9));
    watcher.noteCreatedUpto(START.plusSeconds(3), at(11));
    assertEquals(Optional.of(at(9)), watcher.windowReady(commit, START));
  }

  @Test
  void shouldNotBeReadyBeforeItsOwnFileAppeared() {
    watcher.noteCreatedUpto(START.plusSeconds(5), at(1));

    assertTrue(watcher.windowReady(START.plusMillis(3_100), START).isEmpty());
  }

  private static TimeWindow window(int index) {
    return TimeWindow.starting(START.plusSeconds(index), Duration.ofSeconds(1));
  }

  private static Instant at(int second) {
    return START.plusSeconds(100 + second);
  }
}
