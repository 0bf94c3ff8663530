package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.SqlStatement;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.sink.ShardDialects;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The ceiling: the final rows of a shard's history loaded as multi-row upserts of {@value
 * #ROWS_PER_STATEMENT} rows ({@code INSERT ... ON DUPLICATE KEY UPDATE} on MySQL, {@code INSERT
 * ... ON CONFLICT (key) DO UPDATE} on PostgreSQL, built by the shard's dialect), one transaction
 * each - about the most this server takes on this machine. Computing the final rows is not timed.
 */
final class CeilingLoad {
  static final int ROWS_PER_STATEMENT = 1_000;

  private CeilingLoad() {}

  /**
   * Loads the final rows of {@code workload}'s shard {@code shard.logicalShardId()} into its
   * database. The measurement counts the shard's change records, so its records/s is the rate at
   * which the final state was reached.
   */
  static Measurement run(GeneratedWorkload workload, Shard shard, long shardBytes)
      throws Exception {
    ShardDialect dialect = ShardDialects.of(shard, ZoneOffset.UTC);
    FinalRows rows = FinalRows.replay(workload.bufferDir(), shard.logicalShardId(),
        BenchSchema.mapping(shard.sourceType()), dialect);
    CpuMeter cpu = CpuMeter.start();
    try (Connection connection = BenchServer.connect(shard)) {
      dialect.prepareSession(connection);
      connection.setAutoCommit(false);
      for (List<MappedChange> tableRows : rows.byTable().values()) {
        for (int from = 0; from < tableRows.size(); from += ROWS_PER_STATEMENT) {
          List<MappedChange> chunk =
              tableRows.subList(from, Math.min(from + ROWS_PER_STATEMENT, tableRows.size()));
          SqlStatement upsert = dialect.upsertBatch(chunk);
          try (PreparedStatement statement = upsert.prepare(connection)) {
            statement.executeUpdate();
          }
          connection.commit();
        }
      }
    }
    CpuUse used = cpu.stop();
    Duration elapsed = cpu.elapsed();
    return new Measurement(
        "ceiling", rows.records(), rows.rowCount(), shardBytes, elapsed, List.of(), used);
  }
}
