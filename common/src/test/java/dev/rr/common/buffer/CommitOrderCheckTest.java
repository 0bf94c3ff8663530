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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitOrderCheckTest {
  @TempDir Path dir;

  @Test
  void shouldAgreeWithTheRecordOrderingOnShuffledAndSortedFiles() throws Exception {
    int unsorted = 0;
    for (long seed = 0; seed < 200; seed++) {
      List<ChangeRecord> records = TestRecords.shuffled(1 + (int) (seed % 7), seed);
      boolean expected = isSorted(records);
      unsorted += expected ? 0 : 1;
      assertEquals(expected, CommitOrderCheck.isSorted(write("shuffled.txt", records)),
          "seed " + seed);

      List<ChangeRecord> sorted = new ArrayList<>(records);
      sorted.sort(ChangeRecord.ORDERING);
      assertTrue(CommitOrderCheck.isSorted(write("sorted.txt", sorted)), "seed " + seed);
    }
    // The shuffled files must exercise both answers.
    assertTrue(unsorted > 50 && unsorted < 200, "unsorted files: " + unsorted);
  }

  @Test
  void shouldCountEveryModOfALineWithSeveralMods() throws Exception {
    ChangeRecord first = TestRecords.record(5, 0, "tx", 0);
    // Two mods without a modIndex: records 0 and 1 of the transaction.
    String twoMods =
        BufferRecordCodec.encode(first)
            .replace(",\"modIndex\":0", "")
            .replace("}],", "},{\"keysJson\":\"{\\\"id\\\":\\\"x\\\"}\"}],");
    // Sorts after the first mod but before the second.
    String modZero = BufferRecordCodec.encode(TestRecords.record(5, 0, "tx", 0));
    String modTwo = BufferRecordCodec.encode(TestRecords.record(5, 0, "tx", 2));

    assertFalse(CommitOrderCheck.isSorted(write("f1.txt", twoMods, modZero).toString()));
    assertTrue(CommitOrderCheck.isSorted(write("f2.txt", twoMods, "", modTwo).toString()));
  }

  @Test
  void shouldReadNumbersWrittenAsStringsLikeTheDecoder() throws Exception {
    String late = BufferRecordCodec.encode(TestRecords.record(20, 0, "a", 0))
        .replace("\"seconds\":20", "\"seconds\":\"20\"");
    String early = BufferRecordCodec.encode(TestRecords.record(3, 0, "a", 0));

    assertFalse(CommitOrderCheck.isSorted(write("f.txt", late, early).toString()));
    assertTrue(CommitOrderCheck.isSorted(write("g.txt", early, late).toString()));
  }

  @Test
  void shouldNameFileAndLineOfABrokenLineLikeTheReader() throws Exception {
    String good = BufferRecordCodec.encode(TestRecords.record(1, 0, "a", 0));
    Path file = write("bad.txt", good, "{not json");

    BufferFileException check =
        assertThrows(BufferFileException.class, () -> CommitOrderCheck.isSorted(file.toString()));
    BufferFileException read =
        assertThrows(BufferFileException.class, () -> BufferFileReader.readAll(
            org.apache.beam.sdk.io.FileSystems.matchNewResource(file.toString(), false)));

    assertEquals(read.getMessage(), check.getMessage());
    assertTrue(check.getMessage().contains("bad.txt line 2"), check.getMessage());
  }

  private static boolean isSorted(List<ChangeRecord> records) {
    for (int i = 1; i < records.size(); i++) {
      if (ChangeRecord.ORDERING.compare(records.get(i - 1), records.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private String write(String name, List<ChangeRecord> records) throws IOException {
    return write(name, records.stream().map(BufferRecordCodec::encode).toArray(String[]::new))
        .toString();
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
