package dev.rr.writer.logic;

import dev.rr.common.metadata.FileProcessProgressDao;
import dev.rr.common.metadata.ShardProgress;
import java.util.Optional;

/** Where a shard's progress is recorded ({@code shard_file_process_progress}). */
public interface ProgressStore {

  /** The shard's stored progress in the run, if any. */
  Optional<ShardProgress> read(String shard);

  /** Stores the shard's progress; false when a later stored position made it stale. */
  boolean write(ShardProgress progress);

  /** The store backed by the metadata table. */
  static ProgressStore of(FileProcessProgressDao dao, String runId) {
    return new ProgressStore() {
      @Override
      public Optional<ShardProgress> read(String shard) {
        return dao.read(runId, shard);
      }

      @Override
      public boolean write(ShardProgress progress) {
        return dao.write(progress);
      }
    };
  }
}
