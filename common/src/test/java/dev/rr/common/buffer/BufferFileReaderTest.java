package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferFileReaderTest {
  @TempDir Path dir;

  private static ResourceId local(Path path) {
    return FileSystems.matchNewResource(path.toString(), false);
  }

  @Test
  void shouldReadTheFixtureAsIsInFileOrder() throws Exception {
    Path fixture = TestRecords.fixture();
    List<ChangeRecord> expected = new ArrayList<>();
    for (String line : Files.readAllLines(fixture)) {
      expected.add(BufferRecordCodec.decode(line));
    }

    List<ChangeRecord> records = new ArrayList<>();
    try (BufferFileReader reader = BufferFileReader.open(fixture.toString())) {
      while (reader.hasNext()) {
        records.add(reader.next());
      }
      assertEquals(6, reader.lineNumber());
      assertThrows(NoSuchElementException.class, reader::next);
    }

    assertEquals(expected, records);
    assertEquals("Users", records.get(0).tableName());
    assertEquals(1718781240L, records.get(5).commitTimestamp().getSeconds());
  }

  @Test
  void shouldSkipBlankLinesAndSplitMultiModLines() throws Exception {
    ChangeRecord a = TestRecords.record(1, 0, "a", 0);
    ChangeRecord b = TestRecords.record(2, 0, "b", 0);
    String twoMods =
        BufferRecordCodec.encode(b)
            .replace(",\"modIndex\":0", "")
            .replace("}],", "},{\"keysJson\":\"{\\\"id\\\":\\\"x\\\"}\"}],");
    Path file = dir.resolve("f.txt");
    Files.writeString(file, "\n" + BufferRecordCodec.encode(a) + "\n  \n" + twoMods + "\n\n");

    List<ChangeRecord> records = BufferFileReader.readAll(local(file));

    assertEquals(3, records.size());
    assertEquals(a, records.get(0));
    assertEquals(b, records.get(1));
    assertEquals(1, records.get(2).modIndex());
    assertEquals("{\"id\":\"x\"}", records.get(2).keysJson());
  }

  @Test
  void shouldNameFileAndLineOfABadRecordAndKeepTheCause() throws Exception {
    Path file = dir.resolve("bad.txt");
    String good = BufferRecordCodec.encode(TestRecords.rich());
    Files.writeString(file, good + "\n\n" + good.replace("\"DELETE\"", "\"MERGE\"") + "\n");

    try (BufferFileReader reader = BufferFileReader.open(local(file))) {
      assertEquals(TestRecords.rich(), reader.next());
      BufferFileException e = assertThrows(BufferFileException.class, reader::hasNext);
      assertTrue(e.getMessage().startsWith(file + " line 3: "), e.getMessage());
      assertTrue(e.getMessage().contains("modType"), e.getMessage());
      assertInstanceOf(BufferFormatException.class, e.getCause());
    }
  }

  @Test
  void shouldRejectBytesThatAreNotUtf8() throws Exception {
    Path file = dir.resolve("latin1.txt");
    String good = BufferRecordCodec.encode(TestRecords.record(1, 0, "t", 0));
    String latin1 = BufferRecordCodec.encode(TestRecords.record(2, 0, "t", 0)).replace("Users", "Us\u00e9rs");
    Files.writeString(file, good + "\n" + latin1 + "\n", StandardCharsets.ISO_8859_1);

    try (BufferFileReader reader = BufferFileReader.open(local(file))) {
      assertEquals(TestRecords.record(1, 0, "t", 0), reader.next());
      BufferFileException e = assertThrows(BufferFileException.class, reader::next);
      assertTrue(e.getMessage().contains(file + " line 2"), e.getMessage());
      assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
      // A format error (permanent), caused by the decoder's.
      assertInstanceOf(BufferFormatException.class, e.getCause());
      assertInstanceOf(CharacterCodingException.class, e.getCause().getCause());
    }
  }

  @Test
  void shouldStreamLargeFiles() throws Exception {
    ResourceId file = local(dir.resolve("large.txt"));
    int count = 20_000;
    try (BufferFileWriter writer = BufferFileWriter.create(file)) {
      for (int i = 0; i < count; i++) {
        writer.write(TestRecords.record(i, 0, "t", 0));
      }
      writer.commit();
    }
    long read = 0;
    try (BufferFileReader reader = BufferFileReader.open(file)) {
      while (reader.hasNext()) {
        assertEquals(read, reader.next().commitTimestamp().getSeconds());
        read++;
      }
      assertEquals(count, reader.lineNumber());
    }
    assertEquals(count, read);
  }

  @Test
  void shouldFailToOpenAMissingFile() {
    assertThrows(IOException.class,
        () -> BufferFileReader.open(local(dir.resolve("missing.txt"))).close());
    assertThrows(IOException.class, () -> BufferFileReader.open(dir.resolve("missing.txt").toString()));
  }

  @Test
  void shouldReadNothingFromAnEmptyFile() throws Exception {
    Path file = Files.createFile(dir.resolve("empty.txt"));
    try (BufferFileReader reader = BufferFileReader.open(local(file))) {
      assertFalse(reader.hasNext());
    }
  }
}
