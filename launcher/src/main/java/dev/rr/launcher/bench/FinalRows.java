package dev.rr.launcher.bench;

import dev.rr.common.mysql.MappedChange;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.common.sink.ShardDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a shard ends with, computed in memory by replaying its window files through the
 * dialect's mapping: the input of the ceiling load.
 *
 * @param records change records replayed
 * @param byTable the final rows of each source table, as upserts, in first-written order
 */
record FinalRows(long records, Map<String, List<MappedChange>> byTable) {

  /** Replays {@code shard}'s files under {@code bufferDir}. */
  static FinalRows replay(
      String bufferDir, String shard, SchemaMapping mapping, ShardDialect dialect)
      throws Exception {
    Map<MappedChange.RowKey, MappedChange> rows = new LinkedHashMap<>();
    long records =
        ShardHistory.forEach(
            bufferDir,
            shard,
            record -> {
              TableMapping table = BenchSchema.tableMapping(mapping, record.tableName());
              MappedChange change = dialect.map(record, table);
              if (change.isDelete()) {
                rows.remove(change.rowKey());
              } else {
                // Every benchmark upsert writes the whole row, so the later one replaces.
                rows.put(change.rowKey(), change);
              }
            });
    Map<String, List<MappedChange>> byTable = new LinkedHashMap<>();
    for (MappedChange change : rows.values()) {
      byTable.computeIfAbsent(change.sourceTable(), t -> new ArrayList<>()).add(change);
    }
    return new FinalRows(records, byTable);
  }

  /** Number of final rows, all tables. */
  long rowCount() {
    return byTable.values().stream().mapToLong(List::size).sum();
  }
}
