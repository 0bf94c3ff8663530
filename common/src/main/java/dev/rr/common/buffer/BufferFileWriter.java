package dev.rr.common.buffer;

import dev.rr.common.model.ChangeRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one buffer file, one JSON line per record (UTF-8, streamed through a buffer), so that
 * readers only ever see the complete file or none (or the previous complete version).
 *
 * <p>Records go to a temporary file {@code .<name>.tmp-<uuid>} in the destination's directory;
 * {@link #commit()} renames it to the destination. An existing destination is replaced: resumed
 * runs rewrite windows. On local disks Beam's rename is {@code Files.move} with {@code
 * ATOMIC_MOVE} and {@code REPLACE_EXISTING}, i.e. an atomic replace. On GCS it is copy then
 * delete; the copy creates (or replaces) the destination object atomically. For file systems
 * whose rename refuses an existing destination the destination is deleted first, which leaves a
 * short moment without the file but never a partial one.
 *
 * <pre>{@code
 * try (BufferFileWriter writer = BufferFileWriter.create(file)) {
 *   records.forEach(writer::write);
 *   writer.commit();
 * } // closing without commit deletes the temporary file
 * }</pre>
 */
public final class BufferFileWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BufferFileWriter.class);
  private static final int BUFFER_CHARS = 64 * 1024;

  private final ResourceId destination;
  private final ResourceId temporary;
  private final Writer out;
  private long recordCount;
  private boolean closed;

  private BufferFileWriter(ResourceId destination, ResourceId temporary, Writer out) {
    this.destination = destination;
    this.temporary = temporary;
    this.out = out;
  }

  /** Starts writing {@code destination} (a file, local or {@code gs://}). */
  public static BufferFileWriter create(ResourceId destination) throws IOException {
    String name = destination.getFilename();
    if (destination.isDirectory() || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("buffer file destination " + destination + " is not a file");
    }
    ResourceId temporary =
        destination
            .getCurrentDirectory()
            .resolve("." + name + ".tmp-" + UUID.randomUUID(), StandardResolveOptions.RESOLVE_FILE);
    Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                Channels.newOutputStream(FileSystems.create(temporary, MimeTypes.TEXT)),
                StandardCharsets.UTF_8),
            BUFFER_CHARS);
    return new BufferFileWriter(destination, temporary, out);
  }

  /** Writes {@code records} to {@code destination} and commits; returns how many were written. */
  public static long write(ResourceId destination, Iterable<ChangeRecord> records)
      throws IOException {
    try (BufferFileWriter writer = create(destination)) {
      for (ChangeRecord record : records) {
        writer.write(record);
      }
      writer.commit();
      return writer.recordCount();
    }
  }

  /** Appends one record as one line. */
  public void write(ChangeRecord record) throws IOException {
    if (closed) {
      throw new IllegalStateException("buffer file " + destination + " is already closed");
    }
    BufferRecordCodec.encode(record, out);
    out.write('\n');
    recordCount++;
  }

  /** Records written so far. */
  public long recordCount() {
    return recordCount;
  }

  /** Where the file appears on {@link #commit()}. */
  public ResourceId destination() {
    return destination;
  }

  /**
   * Finishes the file and moves it into place, replacing an existing file of the same name.
   *
   * @throws IOException naming the destination; the temporary file is removed
   */
  public ResourceId commit() throws IOException {
    if (closed) {
      throw new IllegalStateException("buffer file " + destination + " is already closed");
    }
    closed = true;
    try {
      out.close();
      moveIntoPlace();
    } catch (IOException | RuntimeException e) {
      deleteTemporary();
      throw new IOException(
          "cannot write buffer file " + destination + " (via " + temporary + ")", e);
    }
    return destination;
  }

  /** Abandons an uncommitted file: nothing appears and the temporary file is deleted. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      LOG.warn("[file={}] closing abandoned temporary file {} failed", destination, temporary, e);
    }
    deleteTemporary();
  }

  private void moveIntoPlace() throws IOException {
    try {
      FileSystems.rename(List.of(temporary), List.of(destination));
    } catch (FileAlreadyExistsException e) {
      // A file system whose rename does not replace: drop the old version, then move.
      LOG.info("[file={}] replacing existing buffer file", destination);
      FileSystems.delete(List.of(destination), StandardMoveOptions.IGNORE_MISSING_FILES);
      FileSystems.rename(List.of(temporary), List.of(destination));
    }
  }

  private void deleteTemporary() {
    try {
      FileSystems.delete(List.of(temporary), StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      LOG.warn("[file={}] cannot delete temporary file {}", destination, temporary, e);
    }
  }
}
