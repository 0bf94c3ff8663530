package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferFileWriterTest {
  private static final Instant START = Instant.parse("2024-06-24T16:53:00Z");
  private static final Instant END = Instant.parse("2024-06-24T16:53:10Z");

  @TempDir Path buffer;

  private ResourceId windowFile() {
    return WindowFiles.fileFor(buffer.toString(), "ls1", START, END);
  }

  private Path windowPath() {
    return buffer.resolve("ls1").resolve(WindowFiles.fileName(START, END));
  }

  private List<String> shardDirectoryEntries() throws IOException {
    try (Stream<Path> files = Files.list(buffer.resolve("ls1"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shouldWriteOneJsonLinePerRecordInUtf8() throws Exception {
    List<ChangeRecord> records =
        List.of(TestRecords.record(1, 0, "a", 0), TestRecords.rich(), TestRecords.record(2, 0, "b", 1));

    assertEquals(3, BufferFileWriter.write(windowFile(), records));

    String expected =
        records.stream().map(r -> BufferRecordCodec.encode(r) + "\n").reduce("", String::concat);
    assertEquals(expected, Files.readString(windowPath(), StandardCharsets.UTF_8));
    assertTrue(Files.readString(windowPath()).contains("Tä<b>le") == false,
        "'<' and '>' are escaped as Gson does");
    assertEquals(records, BufferFileReader.readAll(windowFile()));
    assertEquals(List.of(WindowFiles.fileName(START, END)), shardDirectoryEntries());
  }

  @Test
  void shouldShowNothingUntilCommitted() throws Exception {
    try (BufferFileWriter writer = BufferFileWriter.create(windowFile())) {
      writer.write(TestRecords.rich());
      assertFalse(Files.exists(windowPath()));
      List<String> entries = shardDirectoryEntries();
      assertEquals(1, entries.size());
      assertTrue(entries.get(0).startsWith("." + WindowFiles.fileName(START, END) + ".tmp-"),
          entries.get(0));
      assertEquals(windowFile(), writer.commit());
    }
    assertTrue(Files.exists(windowPath()));
    assertEquals(List.of(WindowFiles.fileName(START, END)), shardDirectoryEntries());
  }

  @Test
  void shouldReplaceAnExistingFileOfTheSameWindow() throws Exception {
    BufferFileWriter.write(windowFile(), List.of(TestRecords.record(1, 0, "old", 0),
        TestRecords.record(2, 0, "old", 0)));

    BufferFileWriter.write(windowFile(), List.of(TestRecords.record(3, 0, "new", 0)));

    assertEquals(List.of(TestRecords.record(3, 0, "new", 0)), BufferFileReader.readAll(windowFile()));
    assertEquals(List.of(WindowFiles.fileName(START, END)), shardDirectoryEntries());
  }

  @Test
  void shouldLeaveNoFileWhenAbandoned() throws Exception {
    try (BufferFileWriter writer = BufferFileWriter.create(windowFile())) {
      writer.write(TestRecords.rich());
    }
    assertEquals(List.of(), shardDirectoryEntries());
  }

  @Test
  void shouldKeepThePreviousVersionWhenARewriteIsAbandoned() throws Exception {
    BufferFileWriter.write(windowFile(), List.of(TestRecords.record(1, 0, "old", 0)));
    try (BufferFileWriter writer = BufferFileWriter.create(windowFile())) {
      writer.write(TestRecords.record(9, 0, "new", 0));
    }
    assertEquals(List.of(TestRecords.record(1, 0, "old", 0)), BufferFileReader.readAll(windowFile()));
  }

  @Test
  void shouldWriteAnEmptyFileForNoRecords() throws Exception {
    assertEquals(0, BufferFileWriter.write(windowFile(), List.of()));
    assertEquals(0, Files.size(windowPath()));
  }

  @Test
  void shouldRefuseWritesAfterCommit() throws Exception {
    try (BufferFileWriter writer = BufferFileWriter.create(windowFile())) {
      writer.commit();
      assertThrows(IllegalStateException.class, () -> writer.write(TestRecords.rich()));
      assertThrows(IllegalStateException.class, writer::commit);
    }
  }

  @Test
  void shouldRefuseADirectoryAsDestination() {
    assertThrows(IllegalArgumentException.class,
        () -> BufferFileWriter.create(WindowFiles.shardDirectory(buffer.toString(), "ls1")));
  }
}
