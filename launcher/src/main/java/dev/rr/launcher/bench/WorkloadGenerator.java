package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.BufferFileWriter;
import dev.rr.common.buffer.WindowFiles;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a {@link WorkloadSpec}'s history as the reader would have: per shard, one window file
 * per window that had changes, records in commit order, one change record per (transaction,
 * table, kind of change) with one mod per row, as a {@code NEW_ROW} change stream reports them.
 */
public final class WorkloadGenerator {

  private WorkloadGenerator() {}

  /**
   * Generates the workload into the local directory {@code bufferDir} (created if missing).
   *
   * @throws IOException when a file cannot be written
   */
  public static GeneratedWorkload generate(WorkloadSpec spec, Path bufferDir) throws IOException {
    Files.createDirectories(bufferDir);
    String buffer = bufferDir.toAbsolutePath().toString();
    MixedWorkload workload = new MixedWorkload(spec.shardIds(), spec.seed());
    Map<ModType, Long> mix = new EnumMap<>(ModType.class);
    Map<String, Long> byShard = new java.util.TreeMap<>();
    spec.shardIds().forEach(shard -> byShard.put(shard, 0L));
    Map<String, BufferFileWriter> open = new LinkedHashMap<>();
    long interval = Duration.ofSeconds(1).toNanos() / spec.transactionsPerSecond();
    long windowNanos = spec.window().toNanos();
    long records = 0;
    long transactions = 0;
    long files = 0;
    long rowBytes = 0;
    long currentWindow = -1;
    try {
      while (records < spec.records()) {
        long offset = transactions * interval;
        Instant commit = spec.start().plusNanos(offset).truncatedTo(ChronoUnit.MICROS);
        long window = offset / windowNanos;
        if (window != currentWindow) {
          files += commitAll(open);
          currentWindow = window;
        }
        BenchTransaction transaction = workload.next(commit);
        String txId = String.format("bench-%d-%010d", spec.seed(), transactions);
        BufferFileWriter writer = open.get(transaction.shard());
        if (writer == null) {
          Instant windowStart = spec.start().plusNanos(window * windowNanos);
          writer =
              BufferFileWriter.create(
                  WindowFiles.fileFor(
                      buffer, transaction.shard(), windowStart, windowStart.plus(spec.window())));
          open.put(transaction.shard(), writer);
        }
        for (ChangeRecord record : changeRecords(transaction, commit, txId)) {
          writer.write(record);
          mix.merge(record.modType(), 1L, Long::sum);
          byShard.merge(record.shard(), 1L, Long::sum);
          records++;
        }
        for (BenchTransaction.Change change : transaction.changes()) {
          rowBytes += change.type() == ModType.DELETE ? 0 : RowValues.valueBytes(change.row());
        }
        transactions++;
      }
      files += commitAll(open);
    } finally {
      open.values().forEach(BufferFileWriter::close);
    }
    Instant end = spec.start().plusNanos((currentWindow + 1) * windowNanos);
    return new GeneratedWorkload(
        spec, buffer, records, byShard, transactions, mix, files, sizeOf(bufferDir), rowBytes, end,
        workload.expected());
  }

  /**
   * The change records of one transaction: its changes grouped by (table, kind) in order of
   * first appearance, one record per group, one mod per row.
   */
  static List<ChangeRecord> changeRecords(
      BenchTransaction transaction, Instant commit, String serverTransactionId) {
    Map<String, List<BenchTransaction.Change>> groups = new LinkedHashMap<>();
    for (BenchTransaction.Change change : transaction.changes()) {
      groups
          .computeIfAbsent(change.table().name() + "/" + change.type(), g -> new ArrayList<>())
          .add(change);
    }
    Timestamp commitTimestamp =
        Timestamp.ofTimeSecondsAndNanos(commit.getEpochSecond(), commit.getNano());
    List<ChangeRecord> records = new ArrayList<>(transaction.changes().size());
    int sequence = 0;
    for (List<BenchTransaction.Change> group : groups.values()) {
      int modIndex = 0;
      for (BenchTransaction.Change change : group) {
        BenchTable table = change.table();
        List<String> valueColumns =
            change.type() == ModType.DELETE
                ? List.of()
                : table.columns().stream()
                    .filter(c -> !table.isKey(c))
                    .map(BenchColumn::name)
                    .toList();
        records.add(
            ChangeRecord.builder()
                .commitTimestamp(commitTimestamp)
                .serverTransactionId(serverTransactionId)
                .recordSequence(String.format("%08d", sequence))
                .modIndex(modIndex++)
                .tableName(table.name())
                .modType(change.type())
                .keysJson(RowValues.spannerJson(change.row(), table.primaryKey()))
                .newValuesJson(RowValues.spannerJson(change.row(), valueColumns))
                .numberOfRecordsInTransaction(groups.size())
                .shard(transaction.shard())
                .build());
      }
      sequence++;
    }
    return records;
  }

  private static int commitAll(Map<String, BufferFileWriter> open) throws IOException {
    int committed = 0;
    for (BufferFileWriter writer : open.values()) {
      writer.commit();
      committed++;
    }
    open.clear();
    return committed;
  }

  private static long sizeOf(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile).mapToLong(WorkloadGenerator::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }
}
