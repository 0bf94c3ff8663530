package dev.rr.common.buffer;

import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Streams the records of one buffer file (local or {@code gs://}, via Beam {@code FileSystems})
 * in file order, one line at a time; a line with several mods yields one record per mod. Blank
 * lines are skipped. A line as the reader writes it is read from its bytes ({@link EncodedLine});
 * any other is decoded as text by {@link BufferRecordCodec#decodeAll}. Errors are {@link
 * BufferFileException}s naming the file and line number, with the decoding or I/O error as cause.
 *
 * <pre>{@code
 * try (BufferFileReader reader = BufferFileReader.open(file)) {
 *   while (reader.hasNext()) {
 *     apply(reader.next());
 *   }
 * }
 * }</pre>
 */
public final class BufferFileReader implements Iterator<ChangeRecord>, AutoCloseable {
  private final String fileName;
  private final Utf8LineReader lines;
  private final Deque<ChangeRecord> pending = new ArrayDeque<>();
  private final EncodedLine encodedLine = new EncodedLine();
  private long lineNumber;
  private boolean endOfFile;

  private BufferFileReader(String fileName, Utf8LineReader lines) {
    this.fileName = fileName;
    this.lines = lines;
  }

  /** Opens {@code file} for reading. */
  public static BufferFileReader open(ResourceId file) throws IOException {
    // Strict UTF-8 per line: a bad byte fails on its own line instead of being replaced.
    Utf8LineReader lines = new Utf8LineReader(Channels.newInputStream(FileSystems.open(file)));
    return new BufferFileReader(file.toString(), lines);
  }

  /** Opens the single file {@code fileSpec} names (a path or {@code gs://} URI, no wildcards). */
  public static BufferFileReader open(String fileSpec) throws IOException {
    return open(FileSystems.matchSingleFileSpec(fileSpec).resourceId());
  }

  /** Reads a whole file into memory; for small files and tests. */
  public static List<ChangeRecord> readAll(ResourceId file) throws IOException {
    List<ChangeRecord> records = new ArrayList<>();
    try (BufferFileReader reader = open(file)) {
      reader.forEachRemaining(records::add);
    }
    return records;
  }

  /**
   * True when another record follows.
   *
   * @throws BufferFileException naming file and line when the next line cannot be read or decoded
   */
  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && !endOfFile) {
      readLine();
    }
    return !pending.isEmpty();
  }

  /**
   * The next record in file order.
   *
   * @throws BufferFileException naming file and line when the next line cannot be read or decoded
   */
  @Override
  public ChangeRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + fileName);
    }
    return pending.removeFirst();
  }

  /** Number of the line the last record came from (1-based; 0 before the first). */
  public long lineNumber() {
    return lineNumber;
  }

  /** The file being read, for messages. */
  public String fileName() {
    return fileName;
  }

  @Override
  public void close() throws IOException {
    endOfFile = true;
    pending.clear();
    lines.close();
  }

  private void readLine() {
    try {
      if (!lines.advance()) {
        endOfFile = true;
        return;
      }
    } catch (IOException e) {
      throw new BufferFileException(where(lineNumber + 1) + ": cannot read: " + e.getMessage(), e);
    }
    lineNumber++;
    ChangeRecord encoded = encodedLine.record(lines.bytes(), lines.length());
    if (encoded != null) {
      pending.add(encoded);
      return;
    }
    try {
      String line = lines.decodeLine();
      if (!line.isBlank()) {
        pending.addAll(BufferRecordCodec.decodeAll(line));
      }
    } catch (BufferFormatException e) {
      throw new BufferFileException(where(lineNumber) + ": " + e.getMessage(), e);
    }
  }

  private String where(long line) {
    return fileName + " line " + line;
  }
}
