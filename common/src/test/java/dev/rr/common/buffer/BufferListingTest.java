package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferListingTest {
  private static final Instant T0 = Instant.parse("2024-06-24T16:53:00Z");
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @TempDir Path buffer;

  private TimeWindow window(int index) {
    return TimeWindow.starting(T0.plus(TEN_SECONDS.multipliedBy(index)), TEN_SECONDS);
  }

  @Test
  void shouldListWindowFilesInWindowOrderAndSkipEverythingElse() throws Exception {
    for (int index : new int[] {3, 0, 11, 2}) {
      BufferFileWriter.write(
          WindowFiles.fileFor(buffer.toString(), "ls1", window(index)),
          List.of(TestRecords.record(index, 0, "t", 0)));
    }
    Path shardDir = buffer.resolve("ls1");
    Files.writeString(shardDir.resolve("." + WindowFiles.fileName(window(5)) + ".tmp-123"), "x");
    Files.writeString(shardDir.resolve("README.txt"), "x");
    Files.createDirectories(shardDir.resolve("nested"));
    Files.writeString(shardDir.resolve("nested").resolve(WindowFiles.fileName(window(7))), "x");
    BufferFileWriter.write(WindowFiles.fileFor(buffer.toString(), "ls2", window(1)), List.of());

    NavigableMap<TimeWindow, ResourceId> files = BufferListing.windowFiles(buffer + "/", "ls1");

    assertEquals(List.of(window(0), window(2), window(3), window(11)), List.copyOf(files.keySet()));
    for (Map.Entry<TimeWindow, ResourceId> entry : files.entrySet()) {
      assertEquals(WindowFiles.fileFor(buffer.toString(), "ls1", entry.getKey()), entry.getValue());
    }
  }

  @Test
  void shouldListAMissingShardDirectoryAsEmpty() throws Exception {
    assertTrue(BufferListing.windowFiles(buffer.toString(), "never-written").isEmpty());
    assertTrue(BufferListing.windowFiles(buffer.resolve("no-buffer").toString(), "ls1").isEmpty());
  }
}
