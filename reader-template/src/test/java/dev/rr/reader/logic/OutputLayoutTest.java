package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputLayoutTest {
  private final OutputLayout layout = new OutputLayout("/buffer", "skip", "skip-unknown-shard");
  private final Instant start = Instant.parse("2024-01-01T00:00:00Z");
  private final Instant end = Instant.parse("2024-01-01T00:00:10Z");

  @Test
  void shouldPutWindowFilesInTheShardDirectory() {
    assertEquals(
        "/buffer/shard1/2024-01-01T00:00:00.000Z-2024-01-01T00:00:10.000Z-pane-0-last-0-of-1.txt",
        layout.windowFile("shard1", start, end).toString());
    assertEquals(
        "/buffer/skip/2024-01-01T00:00:00.000Z-2024-01-01T00:00:10.000Z-pane-0-last-0-of-1.txt",
        layout.windowFile("skip", start, end).toString());
  }

  @Test
  void shouldKeepLatePanesApartUnderTheLateDirectory() {
    assertEquals(
        "/buffer/skip-late/shard1/2024-01-01T00:00:00.000Z-2024-01-01T00:00:10.000Z-late-pane-2.txt",
        layout.lateFile("shard1", start, end, 2).toString());
  }

  @Test
  void shouldKnowItsReservedDirectories() {
    assertTrue(layout.isReserved("skip"));
    assertTrue(layout.isReserved("skip-unknown-shard"));
    assertTrue(layout.isReserved("skip-late"));
    assertFalse(layout.isReserved("shard1"));
  }
}
