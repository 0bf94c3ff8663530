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

  /**
   * The writer applies only final windows: a window whose file is written is not ready for it
   * before {@code created_upto} passed the window's end. (The bench counted the file alone, so the
   * reader's finality delay, ~30 s on the DirectRunner, showed as the writer's part.)
   */
  @Test
  void shouldNotBeReadyBeforeCreatedUptoPassedItsEndThoughItsFileAppeared() {
    watcher.noteFile(window(0), at(5));
    watcher.noteFile(window(1), at(3));
    watcher.noteFile(window(2), at(4));
    Instant commit = START.plusMillis(2_500);

    assertTrue(watcher.windowReady(commit).isEmpty(), "window 2 is not final");

    watcher.noteCreatedUpto(START.plusSeconds(2), at(7));
    assertTrue(watcher.windowReady(commit).isEmpty(), "created_upto has not passed window 2");

    watcher.noteCreatedUpto(START.plusSeconds(3), at(9));
    watcher.noteCreatedUpto(START.plusSeconds(4), at(11));
    assertEquals(Optional.of(at(9)), watcher.windowReady(commit));
  }

  @Test
  void shouldBeReadyWhenItsFileAppearedIfCreatedUptoPassedItFirst() {
    watcher.noteCreatedUpto(START.plusSeconds(3), at(2));
    watcher.noteFile(window(2), at(4));

    assertEquals(Optional.of(at(4)), watcher.windowReady(START.plusMillis(2_200)));
  }

  @Test
  void shouldNotBeReadyBeforeItsOwnFileAppeared() {
    watcher.noteCreatedUpto(START.plusSeconds(5), at(1));

    assertTrue(watcher.windowReady(START.plusMillis(3_100)).isEmpty());
  }

  private static TimeWindow window(int index) {
    return TimeWindow.starting(START.plusSeconds(index), Duration.ofSeconds(1));
  }

  private static Instant at(int second) {
    return START.plusSeconds(100 + second);
  }
}
