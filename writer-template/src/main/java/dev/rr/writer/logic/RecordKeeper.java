package dev.rr.writer.logic;

import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.model.ChangeRecord;
import dev.rr.writer.logic.ChangeMapper.SkipReason;
import java.io.IOException;
import java.util.List;

/**
 * Keeps the records a shard does not write: skipped ones (filtered, unmapped table) and the one
 * that stopped the shard. Writes are idempotent: writing the same records again (a retried
 * transaction) replaces the same file.
 */
public interface RecordKeeper {

  /**
   * Keeps {@code records} (all of one window, in commit order) not written for {@code reason}.
   *
   * @return where they were kept
   */
  String keepSkipped(SkipReason reason, TimeWindow window, List<ChangeRecord> records)
      throws IOException;

  /**
   * Keeps the record that stopped the shard, with the error.
   *
   * @return where it was kept
   */
  String keepFailed(TimeWindow window, ChangeRecord record, String error) throws IOException;
}
