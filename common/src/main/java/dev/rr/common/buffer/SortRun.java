package dev.rr.common.buffer;

import dev.rr.common.model.ChangeRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A sorted run of records spilled by {@link ExternalSorter} to a local file, binary-coded. */
final class SortRun {
  private static final int BUFFER_BYTES = 32 * 1024;

  private final Path file;
  private final long size;

  private SortRun(Path file, long size) {
    this.file = file;
    this.size = size;
  }

  /** Writes {@code sorted} (already in order) to a new file in {@code directory}. */
  static SortRun write(Path directory, Iterator<ChangeRecord> sorted) throws IOException {
    Path file = Files.createTempFile(directory, "run-", ".bin");
    long size = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES)) {
      while (sorted.hasNext()) {
        ChangeRecordCoder.of().encode(sorted.next(), out);
        size++;
      }
    }
    return new SortRun(file, size);
  }

  long size() {
    return size;
  }

  Path file() {
    return file;
  }

  /** Reads the run back in order. */
  Reader open() throws IOException {
    return new Reader(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
  }

  /** Deletes the run's file. */
  void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Iterates a run's records; I/O errors surface as {@link UncheckedIOException}. */
  final class Reader implements Iterator<ChangeRecord>, Closeable {
    private final InputStream in;
    private long remaining = size;

    private Reader(InputStream in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      return remaining > 0;
    }

    @Override
    public ChangeRecord next() {
      if (remaining <= 0) {
        throw new NoSuchElementException("sort run " + file + " is exhausted");
      }
      try {
        ChangeRecord record = ChangeRecordCoder.of().decode(in);
        remaining--;
        if (remaining == 0) {
          in.close();
        }
        return record;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read sort run " + file, e);
      }
    }

    @Override
    public void close() throws IOException {
      remaining = 0;
      in.close();
    }
  }
}
