package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.IntervalGrid;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResumePointTest {
  private static final Timestamp RUN_START = Timestamp.parseTimestamp("2024-01-01T00:00:00.000500Z");
  private static final IntervalGrid GRID = IntervalGrid.anchoredAt(RUN_START, Duration.ofSeconds(10));

  private static Timestamp at(String time) {
    return Timestamp.parseTimestamp("2024-01-01T" + time + "Z");
  }

  @Test
  void shouldResumeAtTheLeastCreatedUptoOverAllShards() {
    assertEquals(at("00:00:20"),
        ResumePoint.firstNotFinal(RUN_START, GRID, List.of("a", "b"),
            Map.of("a", at("00:00:40"), "b", at("00:00:20"))));
  }

  @Test
  void shouldResumeAtTheRunStartWhenAShardHasNoFinalWindow() {
    assertEquals(RUN_START,
        ResumePoint.firstNotFinal(RUN_START, GRID, List.of("a", "b"), Map.of("a", at("00:00:40"))));
  }

  @Test
  void shouldIgnoreProgressOfShardsNoLongerInTheShardsFile() {
    assertEquals(at("00:00:40"),
        ResumePoint.firstNotFinal(RUN_START, GRID, List.of("a"),
            Map.of("a", at("00:00:40"), "gone", at("00:00:10"))));
  }

  @Test
  void shouldSnapToTheStartOfTheWindowHoldingAnOffGridValue() {
    assertEquals(at("00:00:30"),
        ResumePoint.firstNotFinal(RUN_START, GRID, List.of("a"), Map.of("a", at("00:00:37.5"))));
  }
}
