package dev.rr.reader.logic;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A shard's new {@code created_upto}: every window of the shard ending at or before it is final
 * (its file exists if the window had data, and will not change).
 *
 * @param shard logical shard id
 * @param createdUpto end of the latest window up to which the shard's files are final
 */
public record ProgressUpdate(String shard, Instant createdUpto) implements Serializable {
  public ProgressUpdate {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(createdUpto, "createdUpto");
  }
}
