package dev.rr.launcher.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorkloadIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();

  static final List<String> SHARDS = List.of("a", "b", "c");

  static long count(SpannerTestDatabase db, String sql) {
    try (ResultSet rows = db.client().singleUse().executeQuery(Statement.of(sql))) {
      rows.next();
      return rows.getLong(0);
    }
  }

  static Map<String, Long> balances(SpannerTestDatabase db) {
    Map<String, Long> totals = new TreeMap<>();
    try (ResultSet rows = db.client().singleUse().executeQuery(Statement.of(
        "SELECT migration_shard_id, SUM(balance) FROM accounts GROUP BY migration_shard_id"))) {
      while (rows.next()) {
        totals.put(rows.getString(0), rows.getLong(1));
      }
    }
    return totals;
  }

  @Test
  void shouldKeepEveryShardsBalanceAndParentsOfChildren() throws InterruptedException {
    SpannerTestDatabase db = SPANNER.newDatabase(SampleSchema.spannerDdl());
    Workload workload = new Workload(db.client(), WorkloadConfig.ofTransactions(11, SHARDS, 200));

    workload.createAccounts();
    WorkloadStats stats = workload.run();

    assertEquals(203, stats.transactions(), "3 account transactions and 200 workload transactions");
    assertTrue(stats.transfers() > 20 && stats.deletes() > 10 && stats.updates() > 20, stats.toString());
    assertEquals(Map.of("a", 10_000L, "b", 10_000L, "c", 10_000L), balances(db));
    assertEquals(0, count(db, "SELECT COUNT(*) FROM child11 c LEFT JOIN parent1 p ON c.parent_id = p.id"
        + " WHERE p.id IS NULL"));
    assertEquals(0, count(db, "SELECT COUNT(*) FROM child11 c JOIN parent1 p ON c.parent_id = p.id"
        + " WHERE c.migration_shard_id != p.migration_shard_id"));
    assertEquals(0, count(db, "SELECT COUNT(*) FROM child21 c JOIN parent2 p ON c.id = p.id"
        + " WHERE c.migration_shard_id != p.migration_shard_id"));
    assertEquals(3, count(db, "SELECT COUNT(DISTINCT migration_shard_id) FROM parent1"));
  }

  @Test
  void shouldRepeatTheSameRowsForTheSameSeed() throws InterruptedException {
    SpannerTestDatabase first = SPANNER.newDatabase(SampleSchema.spannerDdl());
    SpannerTestDatabase second = SPANNER.newDatabase(SampleSchema.spannerDdl());

    new Workload(first.client(), WorkloadConfig.ofTransactions(5, SHARDS, 60)).run();
    new Workload(second.client(), WorkloadConfig.ofTransactions(5, SHARDS, 60)).run();

    String ids = "SELECT COUNT(*) * 1000000 + COALESCE(SUM(id), 0) FROM parent2";
    assertEquals(count(first, ids), count(second, ids));
    String children = "SELECT COUNT(*) * 1000000 + COALESCE(SUM(child_id), 0) FROM child11";
    assertEquals(count(first, children), count(second, children));
  }
}
