package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.model.ChangeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExternalSorterTest {
  @TempDir Path tempRoot;

  private static List<ChangeRecord> drain(Iterator<ChangeRecord> iterator) {
    List<ChangeRecord> records = new ArrayList<>();
    iterator.forEachRemaining(records::add);
    return records;
  }

  /** Stable sort in memory: the expected result, equal keys in insertion order. */
  private static List<ChangeRecord> expected(List<ChangeRecord> records) {
    List<ChangeRecord> sorted = new ArrayList<>(records);
    sorted.sort(ChangeRecord.ORDERING);
    return sorted;
  }

  private long filesUnder(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> !p.equals(root)).count();
    }
  }

  @Test
  void shouldSortInMemoryWithoutTemporaryFiles() throws Exception {
    List<ChangeRecord> records = TestRecords.shuffled(1_000, 1);
    try (ExternalSorter sorter = ExternalSorter.create(10_000, Long.MAX_VALUE, tempRoot)) {
      for (ChangeRecord record : records) {
        sorter.add(record);
      }
      assertEquals(1_000, sorter.size());
      assertEquals(expected(records), drain(sorter.sorted()));
      assertEquals(0, sorter.spilledRuns());
      assertEquals(0, filesUnder(tempRoot));
    }
  }

  @ParameterizedTest(name = "{0} records, {1} in memory")
  @CsvSource({"10000, 10", "10000, 9999", "10001, 100", "10, 10", "0, 5", "2000, 1"})
  void shouldSortAnyVolumeInBoundedMemoryAndKeepEqualKeysInInsertionOrder(
      int count, int maxInMemory) throws Exception {
    List<ChangeRecord> records = TestRecords.shuffled(count, count + maxInMemory);
    List<ChangeRecord> sorted;
    try (ExternalSorter sorter = ExternalSorter.create(maxInMemory, Long.MAX_VALUE, tempRoot)) {
      for (ChangeRecord record : records) {
        sorter.add(record);
      }
      assertEquals(count / maxInMemory, sorter.spilledRuns());
      sorted = drain(sorter.sorted());
      assertTrue(filesUnder(tempRoot) > 0 || count < maxInMemory);
    }
    // Equal keys exist in the data (few distinct keys), so this also checks stability.
    assertEquals(expected(records), sorted);
    assertEquals(0, filesUnder(tempRoot), "temporary files are removed on close");
  }

  @Test
  void shouldSpillWhenTheByteLimitIsReached() throws Exception {
    List<ChangeRecord> records = TestRecords.shuffled(500, 7);
    try (ExternalSorter sorter = ExternalSorter.create(1_000_000, 10_000, tempRoot)) {
      for (ChangeRecord record : records) {
        sorter.add(record);
      }
      assertTrue(sorter.spilledRuns() > 5, "runs: " + sorter.spilledRuns());
      assertEquals(expected(records), drain(sorter.sorted()));
    }
  }

  @Test
  void shouldRemoveTemporaryFilesEvenWhenNotFullyRead() throws Exception {
    try (ExternalSorter sorter = ExternalSorter.create(10, Long.MAX_VALUE, tempRoot)) {
      for (ChangeRecord record : TestRecords.shuffled(1_000, 3)) {
        sorter.add(record);
      }
      Iterator<ChangeRecord> sorted = sorter.sorted();
      sorted.next();
      assertTrue(filesUnder(tempRoot) > 0);
    }
    assertEquals(0, filesUnder(tempRoot));
  }

  @Test
  void shouldKeepRecordsExactlyIncludingNullShards() throws Exception {
    List<ChangeRecord> records = List.of(TestRecords.rich(), TestRecords.rich().withShard(null),
        TestRecords.record(1, 0, "a", 0));
    try (ExternalSorter sorter = ExternalSorter.create(1, Long.MAX_VALUE, tempRoot)) {
      for (ChangeRecord record : records) {
        sorter.add(record);
      }
      assertEquals(expected(records), drain(sorter.sorted()));
    }
  }

  @Test
  void shouldRefuseAddsAfterSortingAndASecondSort() throws Exception {
    try (ExternalSorter sorter = ExternalSorter.create(10, Long.MAX_VALUE, tempRoot)) {
      sorter.add(TestRecords.rich());
      sorter.sorted();
      assertThrows(IllegalStateException.class, () -> sorter.add(TestRecords.rich()));
      assertThrows(IllegalStateException.class, sorter::sorted);
    }
  }

  @Test
  void shouldRejectNonPositiveLimits() {
    assertThrows(IllegalArgumentException.class, () -> ExternalSorter.create(0, 1, tempRoot));
    assertThrows(IllegalArgumentException.class, () -> ExternalSorter.create(1, 0, tempRoot));
  }

  @Test
  void shouldUseTheSystemTempDirectoryByDefault() throws Exception {
    try (ExternalSorter sorter = ExternalSorter.create()) {
      sorter.add(TestRecords.record(2, 0, "b", 0));
      sorter.add(TestRecords.record(1, 0, "a", 0));
      assertEquals(List.of(TestRecords.record(1, 0, "a", 0), TestRecords.record(2, 0, "b", 0)),
          drain(sorter.sorted()));
      assertFalse(sorter.spilledRuns() > 0);
    }
  }
}
