package dev.rr.launcher.verify;

import com.google.cloud.spanner.Struct;
import dev.rr.common.schema.TableMapping;
import java.util.Optional;

/** Decides which shard must hold a Spanner row, the way the reader routes its changes. */
public interface RowRouter {
  /** The logical shard id of {@code row} of {@code table}, empty when it routes nowhere. */
  Optional<String> shardOf(TableMapping table, Struct row);

  /** Every row to the one shard {@code shardId}. */
  static RowRouter single(String shardId) {
    return (table, row) -> Optional.of(shardId);
  }

  /** By the table's shard id column (the session file's {@code ShardIdColumn}). */
  static RowRouter byShardIdColumn() {
    return (table, row) -> table.shardIdColumnName()
        .filter(column -> !row.isNull(column))
        .map(row::getString);
  }
}
