package dev.rr.reader.logic;

import dev.rr.common.buffer.BufferFileWriter;
import dev.rr.common.buffer.ExternalSorter;
import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.util.Iterator;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Writes one window file: the records sorted by {@link ChangeRecord#ORDERING} with a bounded-memory
 * external sort (a window may hold more records than fit in memory), then written so that the file
 * appears atomically, replacing a file of the same name (a resumed run rewrites windows).
 */
public final class WindowFileWriter {
  private WindowFileWriter() {}

  /**
   * Writes {@code records}, in commit order, to {@code destination}.
   *
   * @return the number of records written
   * @throws IOException naming the file, when sorting or writing fails
   */
  public static long writeSorted(ResourceId destination, Iterable<ChangeRecord> records)
      throws IOException {
    try (ExternalSorter sorter = ExternalSorter.create()) {
      for (ChangeRecord record : records) {
        sorter.add(record);
      }
      try (BufferFileWriter writer = BufferFileWriter.create(destination)) {
        Iterator<ChangeRecord> sorted = sorter.sorted();
        while (sorted.hasNext()) {
          writer.write(sorted.next());
        }
        writer.commit();
        return writer.recordCount();
      }
    } catch (IOException e) {
      throw new IOException("cannot write window file " + destination, e);
    }
  }
}
