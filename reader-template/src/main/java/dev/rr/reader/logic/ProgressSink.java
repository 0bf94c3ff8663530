package dev.rr.reader.logic;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where {@code created_upto} values go: the metadata table in production. */
public interface ProgressSink extends AutoCloseable {

  /** Records every update of one window end in one metadata write. */
  void publish(List<ProgressUpdate> updates);

  /**
   * The {@code created_upto} stored for {@code shard} now (a strong read, whoever published it),
   * or empty when none was published yet.
   */
  Optional<Instant> published(String shard);

  @Override
  void close();

  /** Opens a sink on a worker; serializable so a DoFn can carry it and open it in setup. */
  interface Factory extends Serializable {
    ProgressSink open();
  }
}
