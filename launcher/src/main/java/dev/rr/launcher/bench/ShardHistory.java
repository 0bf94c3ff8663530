package dev.rr.launcher.bench;

import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.buffer.BufferListing;
import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import org.apache.beam.sdk.io.fs.ResourceId;

/** Streams every record of one shard's window files, window after window, in commit order. */
final class ShardHistory {

  /** What to do with each record; may throw to stop. */
  @FunctionalInterface
  interface RecordConsumer {
    void accept(ChangeRecord record) throws Exception;
  }

  private ShardHistory() {}

  /**
   * Feeds every record of {@code shard} under {@code bufferDir} to {@code consumer}.
   *
   * @return the number of records read
   */
  static long forEach(String bufferDir, String shard, RecordConsumer consumer) throws Exception {
    long records = 0;
    for (ResourceId file : BufferListing.windowFiles(bufferDir, shard).values()) {
      try (BufferFileReader reader = BufferFileReader.open(file)) {
        while (reader.hasNext()) {
          consumer.accept(reader.next());
          records++;
        }
      } catch (IOException e) {
        throw new IOException("cannot read buffer file " + file, e);
      }
    }
    return records;
  }
}
