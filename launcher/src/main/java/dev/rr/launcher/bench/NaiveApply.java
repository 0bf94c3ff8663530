package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.sink.ShardDialects;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The naive replicator: every change record of a shard, in commit order, as its own prepared
 * statement on an autocommit connection - one commit (and one redo-log or WAL flush) per record,
 * in the shard's dialect. Reading and mapping the files is timed, as it is for the writer.
 */
final class NaiveApply {

  private NaiveApply() {}

  /** Applies {@code shard}'s history from {@code workload}'s buffer to its database. */
  static Measurement run(GeneratedWorkload workload, Shard shard, long shardBytes)
      throws Exception {
    ShardDialect dialect = ShardDialects.of(shard, ZoneOffset.UTC);
    SchemaMapping mapping = BenchSchema.mapping(shard.sourceType());
    CpuMeter cpu = CpuMeter.start();
    long records;
    try (Connection connection = BenchServer.connect(shard)) {
      connection.setAutoCommit(true);
      dialect.prepareSession(connection);
      records =
          ShardHistory.forEach(
              workload.bufferDir(),
              shard.logicalShardId(),
              record -> {
                MappedChange change =
                    dialect.map(record, BenchSchema.tableMapping(mapping, record.tableName()));
                SqlStatement sql = change.isDelete()
                    ? dialect.deleteBatch(List.of(change)) : dialect.upsertBatch(List.of(change));
                try (PreparedStatement statement = sql.prepare(connection)) {
                  statement.executeUpdate();
                }
              });
    }
    CpuUse used = cpu.stop();
    Duration elapsed = cpu.elapsed();
    return new Measurement("naive", records, records, shardBytes, elapsed, List.of(), used);
  }
}
