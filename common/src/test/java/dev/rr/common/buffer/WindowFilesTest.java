package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowFilesTest {
  private static final Instant START = Instant.parse("2024-06-24T16:53:00Z");
  private static final Instant END = Instant.parse("2024-06-24T16:53:10Z");
  private static final String NAME =
      "2024-06-24T16:53:00.000Z-2024-06-24T16:53:10.000Z-pane-0-last-0-of-1.txt";

  @BeforeAll
  static void registerFileSystems() {
    // Registers gs:// (no network needed to build resource ids).
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  @Test
  void shouldNameFilesWithUtcMillisecondTimestamps() {
    assertEquals(NAME, WindowFiles.fileName(START, END));
    assertEquals(
        "1970-01-01T00:00:00.001Z-2024-12-31T23:59:59.999Z-pane-0-last-0-of-1.txt",
        WindowFiles.fileName(Instant.ofEpochMilli(1), Instant.parse("2024-12-31T23:59:59.999Z")));
  }

  @Test
  void shouldParseGeneratedNamesBack() {
    Instant start = Instant.parse("2023-02-28T23:59:59.123Z");
    for (long step : new long[] {1, 999, 10_000, 3_600_000, 86_400_000}) {
      TimeWindow window = new TimeWindow(start, start.plusMillis(step));
      assertEquals(Optional.of(window), WindowFiles.parse(WindowFiles.fileName(window)));
    }
    assertEquals(Optional.of(new TimeWindow(START, END)), WindowFiles.parse(NAME));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "notes.txt",
        "." + NAME + ".tmp-6f1c9a8e-0b7e-4d3e-9a51-2c1f0d3b4a5e",
        NAME + ".tmp",
        "2024-06-24T16:53:00.000Z-2024-06-24T16:53:10.000Z-pane-1-last-0-of-1.txt",
        "2024-06-24T16:53:00.000Z-2024-06-24T16:53:10.000Z-pane-0-last-00000-of-00001.txt",
        "2024-06-24T16:53:00Z-2024-06-24T16:53:10Z-pane-0-last-0-of-1.txt",
        "2024-06-24T16:53:10.000Z-2024-06-24T16:53:00.000Z-pane-0-last-0-of-1.txt",
        "2024-06-24T16:53:00.000Z-2024-06-24T16:53:00.000Z-pane-0-last-0-of-1.txt",
        "2024-13-24T16:53:00.000Z-2024-13-24T16:53:10.000Z-pane-0-last-0-of-1.txt",
        "2023-02-29T16:53:00.000Z-2023-02-29T16:53:10.000Z-pane-0-last-0-of-1.txt",
        "2024-06-24T16:53:00.000+01:00-2024-06-24T16:53:10.000Z-pane-0-last-0-of-1.txt",
        "ls1/2024-06-24T16:53:00.000Z-2024-06-24T16:53:10.000Z-pane-0-last-0-of-1.txt"
      })
  void shouldRejectNamesThatAreNotWindowFiles(String name) {
    assertEquals(Optional.empty(), WindowFiles.parse(name));
  }

  @Test
  void shouldPlaceLocalFilesUnderBufferAndShard(@TempDir Path buffer) {
    ResourceId expected =
        FileSystems.matchNewResource(buffer.resolve("ls1").resolve(NAME).toString(), false);
    assertEquals(expected, WindowFiles.fileFor(buffer.toString(), "ls1", START, END));
    assertEquals(expected, WindowFiles.fileFor(buffer + "/", "ls1", START, END));
    assertEquals(buffer.resolve("ls1") + "/",
        WindowFiles.shardDirectory(buffer.toString(), "ls1").toString());
  }

  @Test
  void shouldPlaceGcsFilesUnderBufferAndShard() {
    String expected = "gs://bucket/buffer/ls1/" + NAME;
    assertEquals(expected, WindowFiles.fileFor("gs://bucket/buffer", "ls1", START, END).toString());
    assertEquals(expected, WindowFiles.fileFor("gs://bucket/buffer/", "ls1", START, END).toString());
    assertEquals("gs://bucket/buffer/ls1/",
        WindowFiles.shardDirectory("gs://bucket/buffer", "ls1").toString());
    assertEquals(Optional.of(new TimeWindow(START, END)),
        WindowFiles.parse(WindowFiles.fileFor("gs://bucket/buffer", "ls1", START, END)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "a\\b"})
  void shouldRefuseShardIdsThatAreNotOnePathSegment(String shard) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WindowFiles.shardDirectory("/b", shard));
    assertTrue(e.getMessage().contains("'" + shard + "'"), e.getMessage());
  }
}
