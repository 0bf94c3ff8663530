package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.schema.SchemaMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

/**
 * The naive replicator: every change record of a shard, in commit order, as its own prepared
 * statement on an autocommit connection - one commit (and one redo-log flush) per record. Reading
 * and mapping the files is timed, as it is for the writer.
 */
final class NaiveApply {

  private NaiveApply() {}

  /** Applies {@code shard}'s history from {@code workload}'s buffer to its database. */
  static Measurement run(GeneratedWorkload workload, Shard shard, long shardBytes)
      throws Exception {
    MySqlDialect dialect = new MySqlDialect();
    SchemaMapping mapping = BenchSchema.mapping();
    long started = System.nanoTime();
    long records;
    try (Connection connection = BenchServer.connect(shard)) {
      connection.setAutoCommit(true);
      try (PreparedStatement zone = dialect.sessionTimeZone().prepare(connection)) {
        zone.execute();
      }
      records =
          ShardHistory.forEach(
              workload.bufferDir(),
              shard.logicalShardId(),
              record -> {
                SqlStatement sql =
                    dialect.statement(record, BenchSchema.tableMapping(mapping, record.tableName()));
                try (PreparedStatement statement = sql.prepare(connection)) {
                  statement.executeUpdate();
                }
              });
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new Measurement("naive", records, records, shardBytes, elapsed, List.of());
  }
}
