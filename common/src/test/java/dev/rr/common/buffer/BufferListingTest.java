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

  @Test
  void shouldListOnlyWindowsStartingInTheRangeAcrossAPrefixBoundary() throws Exception {
    // Windows 4..9 span 16:53:40 to 16:54:40: the two bounds share only "2024-06-24T16:5".
    for (int index = 0; index < 14; index++) {
      BufferFileWriter.write(WindowFiles.fileFor(buffer.toString(), "ls1", window(index)),
          List.of(TestRecords.record(index, 0, "t", 0)));
    }
    ResourceId shardDir = WindowFiles.shardDirectory(buffer.toString(), "ls1");

    NavigableMap<TimeWindow, ResourceId> files =
        BufferListing.windowsStarting(shardDir, window(4).start(), window(10).start());

    assertEquals(List.of(window(4), window(5), window(6), window(7), window(8), window(9)),
        List.copyOf(files.keySet()));
    assertTrue(BufferListing.windowsStarting(shardDir, window(4).start(), window(4).start())
        .isEmpty());
  }

  @Test
  void shouldFindExactlyTheAskedWindowsThatHaveAFile() throws Exception {
    for (int index : new int[] {1, 2, 5}) {
      BufferFileWriter.write(WindowFiles.fileFor(buffer.toString(), "ls1", window(index)),
          List.of(TestRecords.record(index, 0, "t", 0)));
    }
    ResourceId shardDir = WindowFiles.shardDirectory(buffer.toString(), "ls1");

    NavigableMap<TimeWindow, ResourceId> files = BufferListing.existing(shardDir,
        List.of(window(0), window(1), window(3), window(5), window(6)));

    assertEquals(List.of(window(1), window(5)), List.copyOf(files.keySet()));
    assertEquals(WindowFiles.fileFor(buffer.toString(), "ls1", window(5)), files.get(window(5)));
    assertTrue(BufferListing.existing(
        WindowFiles.shardDirectory(buffer.toString(), "never-written"), List.of(window(1)))
        .isEmpty());
  }
}
