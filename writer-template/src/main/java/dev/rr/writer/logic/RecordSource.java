package dev.rr.writer.logic;

import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.buffer.CommitOrderCheck;
import dev.rr.common.buffer.ExternalSorter;
import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one window file in commit order, streamed. The reader writes files sorted; a
 * file that is not (written by another tool, or by hand) is sorted first with the bounded-memory
 * {@link ExternalSorter}, because the checkpoint only works when records are applied in commit
 * order. Checking costs one extra read of the file ({@link CommitOrderCheck} reads only the
 * ordering fields).
 */
final class RecordSource implements Iterator<ChangeRecord>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordSource.class);

  private final Iterator<ChangeRecord> records;
  private final AutoCloseable resource;

  private RecordSource(Iterator<ChangeRecord> records, AutoCloseable resource) {
    this.records = records;
    this.resource = resource;
  }

  /** Opens {@code file} (a Beam file spec). */
  static RecordSource open(String file) throws IOException {
    if (CommitOrderCheck.isSorted(file)) {
      BufferFileReader reader = BufferFileReader.open(file);
      return new RecordSource(reader, reader);
    }
    LOG.warn("window file {} is not in commit order; sorting it before applying", file);
    ExternalSorter sorter = ExternalSorter.create();
    try (BufferFileReader reader = BufferFileReader.open(file)) {
      while (reader.hasNext()) {
        sorter.add(reader.next());
      }
      return new RecordSource(sorter.sorted(), sorter);
    } catch (IOException | RuntimeException e) {
      sorter.close();
      throw e;
    }
  }

  @Override
  public boolean hasNext() {
    return records.hasNext();
  }

  @Override
  public ChangeRecord next() {
    return records.next();
  }

  @Override
  public void close() throws IOException {
    try {
      resource.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot close " + resource, e);
    }
  }
}
