package dev.rr.launcher.bench;

import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MySqlDialect;
import java.util.List;

/**
 * Checks window files without a database: replays a shard's files in memory ({@link FinalRows})
 * and compares the rows they leave behind with the {@link ExpectedState}. Proves that the reader
 * wrote every change, in an order that gives the right result.
 */
final class BufferVerifier {

  private BufferVerifier() {}

  static Verification verify(String bufferDir, String shard, ExpectedState expected)
      throws Exception {
    FinalRows replayed =
        FinalRows.replay(bufferDir, shard, BenchSchema.mapping(), new MySqlDialect());
    RowComparison comparison = new RowComparison(shard, expected);
    for (BenchTable table : BenchSchema.tables()) {
      comparison.table(table);
      for (MappedChange row : replayed.byTable().getOrDefault(table.name(), List.of())) {
        comparison.found(row.values());
      }
    }
    return comparison.result();
  }
}
