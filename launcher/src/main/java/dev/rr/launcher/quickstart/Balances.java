package dev.rr.launcher.quickstart;

import dev.rr.common.input.Shard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads each shard's total account balance, the quickstart's transaction-consistency check. */
final class Balances {
  private Balances() {}

  static Map<String, Long> perShard(List<Shard> shards) throws SQLException {
    Map<String, Long> totals = new TreeMap<>();
    for (Shard shard : shards) {
      try (Connection connection = DriverManager.getConnection(shard.jdbcUrl(), shard.jdbcProperties());
          Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT COALESCE(SUM(balance), 0) FROM accounts")) {
        row.next();
        totals.put(shard.logicalShardId(), row.getLong(1));
      }
    }
    return totals;
  }
}
