package dev.rr.writer.snapshot;

import java.io.Serializable;
import java.util.Objects;

/**
 * One unit of loading and of resuming: the rows of Spanner table {@code table} that route to
 * {@code shard} and whose primary key hashes to {@code chunk} (see {@link SnapshotRows#chunkOf}).
 *
 * @param shard logical shard id
 * @param table Spanner table name
 * @param chunk chunk number, from 0 to the table's chunk count (exclusive)
 */
public record ChunkId(String shard, String table, int chunk) implements Serializable {
  public ChunkId {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(table, "table");
    if (chunk < 0) {
      throw new IllegalArgumentException("chunk is negative: " + chunk);
    }
  }

  @Override
  public String toString() {
    return shard + "/" + table + "#" + chunk;
  }
}
