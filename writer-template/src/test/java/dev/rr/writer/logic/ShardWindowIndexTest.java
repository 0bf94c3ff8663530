package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.IntervalGrid;
import dev.rr.common.buffer.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShardWindowIndexTest {
  private static final Instant ORIGIN = Instant.parse("2024-01-01T00:00:03.250Z");
  private static final Duration SIZE = Duration.ofSeconds(10);
  private static final IntervalGrid GRID = IntervalGrid.anchoredAt(ORIGIN, SIZE);

  private final FakeBuffer buffer = new FakeBuffer();
  private final ShardWindowIndex index = new ShardWindowIndex("s1", GRID, buffer);

  private static TimeWindow window(int k) {
    return TimeWindow.starting(ORIGIN.plus(SIZE.multipliedBy(k)), SIZE);
  }

  private static Instant boundary(int k) {
    return window(k).start();
  }

  @Test
  void shouldFindTheWindowHoldingAPositionInsideIt() throws Exception {
    buffer.add(window(3), window(4));

    NavigableMap<TimeWindow, String> files =
        index.files(window(3).start().plusMillis(4_321), boundary(5));

    assertEquals(List.of(window(3), window(4)), List.copyOf(files.keySet()));
  }

  @Test
  void shouldLeaveOutWindowsEndingAtOrBeforeThePosition() throws Exception {
    buffer.add(window(0), window(1), window(2));

    assertEquals(List.of(window(2)), List.copyOf(index.files(boundary(2), boundary(3)).keySet()));
    assertEquals(List.of(), List.copyOf(index.files(boundary(3), boundary(3)).keySet()));
  }

  @Test
  void shouldReturnAWindowEndingAfterCreatedUptoOnlyOnceItIsFinal() throws Exception {
    buffer.add(window(0));
    index.files(boundary(0), boundary(1));
    // The reader has written the open window 1 in part (a drain) but not declared it final.
    buffer.add(window(1));

    assertEquals(List.of(window(0)), List.copyOf(index.files(boundary(0), boundary(1)).keySet()));
    assertEquals(List.of(window(0), window(1)),
        List.copyOf(index.files(boundary(0), boundary(2)).keySet()));
  }

  @Test
  void shouldAskOnlyForTheWindowsThatBecameFinalSinceTheLastCall() throws Exception {
    // 100,000 windows behind the shard, a third of them with a file.
    for (int k = 0; k < 100_000; k += 3) {
      buffer.add(window(k));
    }
    index.files(boundary(99_990), boundary(100_000));
    assertEquals(1, buffer.listings);
    buffer.resetCounts();

    for (int k = 100_000; k < 100_030; k++) {
      if (k % 2 == 0) {
        buffer.add(window(k));
      }
      NavigableMap<TimeWindow, String> files = index.files(boundary(k), boundary(k + 1));
      assertEquals(k % 2 == 0, files.containsKey(window(k)), "window " + k);
    }

    assertEquals(0, buffer.listings, "no listing once the worker is caught up");
    assertEquals(30, buffer.namesAsked, "one name per window that became final");
  }

  @Test
  void shouldListInsteadOfLookingUpWhenTheReaderJumpedFarAhead() throws Exception {
    buffer.add(window(0), window(150), window(2_000));
    index.files(boundary(0), boundary(1));
    buffer.resetCounts();

    NavigableMap<TimeWindow, String> files = index.files(boundary(1), boundary(5_000));

    assertEquals(List.of(window(150), window(2_000)), List.copyOf(files.keySet()));
    assertEquals(1, buffer.listings);
    assertEquals(0, buffer.namesAsked);
  }

  @Test
  void shouldStopTheShardWhenAListedFileIsNotOnTheRunsGrid() {
    // A reader with 5 s windows wrote this buffer; the writer walks 10 s windows.
    buffer.add(new TimeWindow(boundary(2), boundary(2).plusSeconds(5)));

    ApplyException e =
        assertThrows(ApplyException.class, () -> index.files(boundary(0), boundary(4)));

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("not on the run's window grid"), e.getMessage());
  }

  /**
   * A worker's life against a reader writing at random: at every step the plan made from the
   * index equals the plan made from a listing of the whole directory.
   */
  @Test
  void shouldPlanExactlyAsAWholeDirectoryListingWouldThroughARandomRun() throws Exception {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      FakeBuffer reader = new FakeBuffer();
      ShardWindowIndex worker = new ShardWindowIndex("s1", GRID, reader);
      Instant position = ORIGIN.plusMillis(random.nextInt(25_000));
      int finalWindows = 0;
      for (int step = 0; step < 60; step++) {
        int advance = random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(3);
        for (int k = finalWindows; k < finalWindows + advance; k++) {
          if (random.nextInt(3) == 0) {
            reader.add(window(k));
          }
        }
        finalWindows += advance;
        if (random.nextBoolean()) {
          // A drained reader's partial file of the open window.
          reader.add(window(finalWindows));
        }
        Instant createdUpto = boundary(finalWindows);
        WindowPlanner.Plan expected = WindowPlanner.plan(
            position, Optional.of(createdUpto), reader.all(), Optional.empty());
        WindowPlanner.Plan actual = WindowPlanner.plan(position, Optional.of(createdUpto),
            worker.files(position, createdUpto), Optional.empty());
        assertEquals(expected, actual, "seed " + seed + " step " + step);
        // The worker gets through part of the plan, sometimes stopping inside a window.
        long span = Duration.between(position, actual.positionAfter()).toMillis();
        position = position.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * span));
        if (random.nextBoolean()) {
          position = actual.positionAfter();
        }
      }
    }
  }

  /** A shard directory in memory that counts what it is asked. */
  private static final class FakeBuffer implements WindowLister {
    private final NavigableMap<TimeWindow, String> files = new TreeMap<>();
    int listings;
    int namesAsked;

    void add(TimeWindow... windows) {
      for (TimeWindow window : windows) {
        files.put(window, "file " + window);
      }
    }

    NavigableMap<TimeWindow, String> all() {
      return new TreeMap<>(files);
    }

    void resetCounts() {
      listings = 0;
      namesAsked = 0;
    }

    @Override
    public NavigableMap<TimeWindow, String> listStarting(String shard, Instant from, Instant to) {
      listings++;
      NavigableMap<TimeWindow, String> listed = new TreeMap<>();
      files.forEach((window, file) -> {
        if (!window.start().isBefore(from) && window.start().isBefore(to)) {
          listed.put(window, file);
        }
      });
      return listed;
    }

    @Override
    public NavigableMap<TimeWindow, String> lookUp(String shard, Collection<TimeWindow> windows) {
      namesAsked += windows.size();
      NavigableMap<TimeWindow, String> found = new TreeMap<>();
      for (TimeWindow window : windows) {
        if (files.containsKey(window)) {
          found.put(window, files.get(window));
        }
      }
      return found;
    }
  }
}
