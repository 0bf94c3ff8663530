package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.buffer.BufferListing;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MySqlDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadGeneratorTest {
  @TempDir Path dir;

  @Test
  void shouldWriteTheRequestedMixOfRealisticRows() throws Exception {
    GeneratedWorkload workload = WorkloadGenerator.generate(WorkloadSpec.of(20_000, 1), dir);

    assertTrue(workload.records() >= 20_000 && workload.records() < 20_010, workload.describe());
    assertEquals(0.60, workload.share(ModType.INSERT), 0.02);
    assertEquals(0.30, workload.share(ModType.UPDATE), 0.02);
    assertEquals(0.10, workload.share(ModType.DELETE), 0.02);
    assertEquals(200, workload.averageRowBytes(), 20);
    double perTransaction = workload.records() / (double) workload.transactions();
    assertEquals(5.5, perTransaction, 0.3);
  }

  @Test
  void shouldWriteEqualFilesForEqualSpecs() throws Exception {
    WorkloadSpec spec = WorkloadSpec.of(3_000, 2).withWindow(Duration.ofSeconds(1));
    WorkloadGenerator.generate(spec, dir.resolve("a"));
    WorkloadGenerator.generate(spec, dir.resolve("b"));
    WorkloadGenerator.generate(spec.withSeed(7), dir.resolve("c"));

    for (String shard : spec.shardIds()) {
      List<String> a = fileNames(dir.resolve("a"), shard);
      assertEquals(a, fileNames(dir.resolve("b"), shard));
      for (String name : a) {
        assertEquals(
            Files.readString(dir.resolve("a").resolve(shard).resolve(name)),
            Files.readString(dir.resolve("b").resolve(shard).resolve(name)));
      }
    }
    assertFalse(
        Files.readString(onlyFile(dir.resolve("a"), "shard00"))
            .equals(Files.readString(onlyFile(dir.resolve("c"), "shard00"))));
  }

  @Test
  void shouldSortEachFileAndKeepRecordsInsideTheirWindow() throws Exception {
    WorkloadSpec spec = WorkloadSpec.of(5_000, 3).withWindow(Duration.ofSeconds(1));
    GeneratedWorkload workload = WorkloadGenerator.generate(spec, dir);

    long records = 0;
    for (String shard : spec.shardIds()) {
      for (Map.Entry<TimeWindow, ResourceId> file :
          BufferListing.windowFiles(workload.bufferDir(), shard).entrySet()) {
        List<ChangeRecord> content = BufferFileReader.readAll(file.getValue());
        List<ChangeRecord> sorted = new ArrayList<>(content);
        sorted.sort(ChangeRecord.ORDERING);
        assertEquals(sorted, content, "file " + file.getValue() + " is not in commit order");
        for (ChangeRecord record : content) {
          assertTrue(file.getKey().contains(record.commitTimestamp().toSqlTimestamp().toInstant()));
          assertEquals(shard, record.shard());
        }
        records += content.size();
      }
    }
    assertEquals(workload.records(), records);
    assertTrue(workload.end().isAfter(spec.start().plusSeconds(1)), "several windows expected");
  }

  @Test
  void shouldNeverChangeARowTwiceInOneTransactionNorTouchDeadRows() throws Exception {
    WorkloadSpec spec = WorkloadSpec.of(10_000, 1);
    GeneratedWorkload workload = WorkloadGenerator.generate(spec, dir);
    MySqlDialect dialect = new MySqlDialect();
    Set<MappedChange.RowKey> live = new HashSet<>();
    Map<String, Set<MappedChange.RowKey>> perTransaction = new HashMap<>();

    ShardHistory.forEach(workload.bufferDir(), "shard00", record -> {
      MappedChange change = dialect.map(
          record, BenchSchema.tableMapping(BenchSchema.mapping(), record.tableName()));
      assertTrue(perTransaction.computeIfAbsent(record.serverTransactionId(), t -> new HashSet<>())
          .add(change.rowKey()), "row changed twice in " + record.serverTransactionId());
      switch (record.modType()) {
        case INSERT -> assertTrue(live.add(change.rowKey()), "insert of a live row " + record);
        case UPDATE -> assertTrue(live.contains(change.rowKey()), "update of a dead row " + record);
        case DELETE -> assertTrue(live.remove(change.rowKey()), "delete of a dead row " + record);
      }
    });
  }

  @Test
  void shouldExpectExactlyTheRowsTheFilesLeaveBehind() throws Exception {
    WorkloadSpec spec = WorkloadSpec.of(8_000, 2).withWindow(Duration.ofSeconds(2));
    GeneratedWorkload workload = WorkloadGenerator.generate(spec, dir);

    for (String shard : spec.shardIds()) {
      Verification replayed = BufferVerifier.verify(workload.bufferDir(), shard, workload.expected());
      assertTrue(replayed.ok(), replayed.describe());
      assertEquals(workload.expected().rowCount(shard), replayed.actualRows());
      assertTrue(replayed.actualRows() > 1_000, "a meaningful number of rows survives");
    }
  }

  @Test
  void shouldNoticeAFileThatLostAChange() throws Exception {
    GeneratedWorkload workload = WorkloadGenerator.generate(WorkloadSpec.of(1_000, 1), dir);
    Path file = onlyFile(dir, "shard00");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(lines.size() / 2);
    Files.write(file, lines);

    Verification replayed =
        BufferVerifier.verify(workload.bufferDir(), "shard00", workload.expected());

    assertFalse(replayed.ok());
    assertEquals(1, replayed.missing() + replayed.extra() + replayed.different(),
        replayed.describe());
  }

  private static List<String> fileNames(Path buffer, String shard) throws Exception {
    try (var files = Files.list(buffer.resolve(shard))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Path onlyFile(Path buffer, String shard) throws Exception {
    return buffer.resolve(shard).resolve(fileNames(buffer, shard).get(0));
  }
}
