package dev.rr.common.buffer;

import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts any number of {@link ChangeRecord}s by {@link ChangeRecord#ORDERING} in bounded memory.
 *
 * <p>Records are kept in memory up to a record count and an approximate byte size; beyond that
 * the held records are sorted and spilled as a run to a local temporary file (binary, with
 * {@link ChangeRecordCoder}). {@link #sorted()} merges the runs and the in-memory rest with a
 * priority queue, merging in several passes when there are more than {@value #MAX_MERGE_FAN_IN}
 * runs so that open files stay bounded. The sort is stable: records with equal keys come out in
 * the order they were added. {@link #close()} deletes every temporary file.
 *
 * <pre>{@code
 * try (ExternalSorter sorter = ExternalSorter.create()) {
 *   for (ChangeRecord record : records) {
 *     sorter.add(record);
 *   }
 *   Iterator<ChangeRecord> sorted = sorter.sorted(); // valid until close()
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ExternalSorter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalSorter.class);

  public static final int DEFAULT_MAX_RECORDS_IN_MEMORY = 100_000;
  public static final long DEFAULT_MAX_BYTES_IN_MEMORY = 64L * 1024 * 1024;
  /** Most runs merged at once (each holds an open file and a read buffer). */
  public static final int MAX_MERGE_FAN_IN = 64;

  /** Rough per-record overhead of the object graph, beyond its characters. */
  private static final long RECORD_OVERHEAD_BYTES = 200;

  private final int maxRecordsInMemory;
  private final long maxBytesInMemory;
  private final Path tempRoot;
  private final List<ChangeRecord> inMemory = new ArrayList<>();
  private final List<SortRun> runs = new ArrayList<>();
  private final List<SortRun.Reader> openReaders = new ArrayList<>();
  private long bytesInMemory;
  private long size;
  private Path tempDirectory;
  private boolean sortedCalled;
  private boolean closed;

  private ExternalSorter(int maxRecordsInMemory, long maxBytesInMemory, Path tempRoot) {
    if (maxRecordsInMemory < 1 || maxBytesInMemory < 1) {
      throw new IllegalArgumentException(
          "memory limits must be positive: " + maxRecordsInMemory + " records, "
              + maxBytesInMemory + " bytes");
    }
    this.maxRecordsInMemory = maxRecordsInMemory;
    this.maxBytesInMemory = maxBytesInMemory;
    this.tempRoot = tempRoot;
  }

  /** A sorter with the default limits, spilling under {@code java.io.tmpdir}. */
  public static ExternalSorter create() {
    return create(DEFAULT_MAX_RECORDS_IN_MEMORY, DEFAULT_MAX_BYTES_IN_MEMORY,
        Paths.get(System.getProperty("java.io.tmpdir")));
  }

  /**
   * A sorter holding at most {@code maxRecordsInMemory} records and about {@code
   * maxBytesInMemory} bytes in memory, spilling into a new directory under {@code tempRoot}.
   */
  public static ExternalSorter create(int maxRecordsInMemory, long maxBytesInMemory, Path tempRoot) {
    return new ExternalSorter(maxRecordsInMemory, maxBytesInMemory, tempRoot);
  }

  /** Adds a record; may spill the records held in memory to a temporary file. */
  public void add(ChangeRecord record) throws IOException {
    if (sortedCalled || closed) {
      throw new IllegalStateException("records cannot be added after sorted() or close()");
    }
    inMemory.add(record);
    size++;
    bytesInMemory += approximateBytes(record);
    if (inMemory.size() >= maxRecordsInMemory || bytesInMemory >= maxBytesInMemory) {
      spill();
    }
  }

  /** Records added so far. */
  public long size() {
    return size;
  }

  /** Runs spilled to temporary files so far (0 while everything fits in memory). */
  public int spilledRuns() {
    return runs.size();
  }

  /**
   * All added records in {@link ChangeRecord#ORDERING}, streamed; can be called once. The
   * iterator reads temporary files, which {@link #close()} deletes; read errors surface as
   * {@link UncheckedIOException}.
   */
  public Iterator<ChangeRecord> sorted() throws IOException {
    if (sortedCalled || closed) {
      throw new IllegalStateException("sorted() can be called once, before close()");
    }
    sortedCalled = true;
    inMemory.sort(ChangeRecord.ORDERING);
    if (runs.isEmpty()) {
      return inMemory.iterator();
    }
    // Merge consecutive groups, so that runs stay in insertion order and the sort stays stable.
    while (runs.size() + 1 > MAX_MERGE_FAN_IN) {
      mergePass();
    }
    List<Iterator<ChangeRecord>> sources = new ArrayList<>();
    for (SortRun run : runs) {
      sources.add(openRun(run));
    }
    sources.add(inMemory.iterator());
    return new MergingIterator(sources);
  }

  /** Closes open runs and deletes every temporary file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    inMemory.clear();
    for (SortRun.Reader reader : openReaders) {
      reader.close();
    }
    openReaders.clear();
    runs.clear();
    if (tempDirectory != null) {
      deleteDirectory(tempDirectory);
    }
  }

  private void spill() throws IOException {
    inMemory.sort(ChangeRecord.ORDERING);
    runs.add(SortRun.write(tempDirectory(), inMemory.iterator()));
    LOG.debug("spilled run {} with {} records", runs.size(), inMemory.size());
    inMemory.clear();
    bytesInMemory = 0;
  }

  private void mergePass() throws IOException {
    List<SortRun> merged = new ArrayList<>();
    for (int from = 0; from < runs.size(); from += MAX_MERGE_FAN_IN) {
      List<SortRun> group = runs.subList(from, Math.min(from + MAX_MERGE_FAN_IN, runs.size()));
      if (group.size() == 1) {
        merged.add(group.get(0));
        continue;
      }
      List<SortRun.Reader> readers = new ArrayList<>();
      for (SortRun run : group) {
        readers.add(openRun(run));
      }
      merged.add(SortRun.write(tempDirectory(), new MergingIterator(readers)));
      for (int i = 0; i < group.size(); i++) {
        readers.get(i).close();
        openReaders.remove(readers.get(i));
        group.get(i).delete();
      }
    }
    runs.clear();
    runs.addAll(merged);
  }

  private SortRun.Reader openRun(SortRun run) throws IOException {
    SortRun.Reader reader = run.open();
    openReaders.add(reader);
    return reader;
  }

  private Path tempDirectory() throws IOException {
    if (tempDirectory == null) {
      Files.createDirectories(tempRoot);
      tempDirectory = Files.createTempDirectory(tempRoot, "rr-sort-");
    }
    return tempDirectory;
  }

  private static long approximateBytes(ChangeRecord record) {
    long chars =
        (long) record.serverTransactionId().length()
            + record.recordSequence().length()
            + record.tableName().length()
            + record.keysJson().length()
            + record.oldValuesJson().length()
            + record.newValuesJson().length()
            + record.transactionTag().length()
            + (record.shard() == null ? 0 : record.shard().length());
    // Strings of non-Latin-1 text take two bytes per char; assume the worst.
    return RECORD_OVERHEAD_BYTES + 2 * chars;
  }

  private static void deleteDirectory(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path path : deepestFirst) {
        Files.deleteIfExists(path);
      }
    }
  }
}
