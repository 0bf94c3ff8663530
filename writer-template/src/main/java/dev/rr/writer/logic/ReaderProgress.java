package dev.rr.writer.logic;

import dev.rr.common.metadata.FileCreateProgressDao;
import java.time.Instant;
import java.util.Optional;

/** The reader's progress per shard: {@code created_upto} from the metadata database. */
@FunctionalInterface
public interface ReaderProgress {

  /**
   * The end of the latest window such that every window up to it is final for {@code shard}
   * (its file exists if it had data); empty before the reader recorded any.
   */
  Optional<Instant> createdUpto(String shard);

  /** The reader progress stored in the metadata table for run {@code runId}. */
  static ReaderProgress of(FileCreateProgressDao dao, String runId) {
    return shard -> dao.createdUpto(runId, shard).map(t -> Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
  }
}
