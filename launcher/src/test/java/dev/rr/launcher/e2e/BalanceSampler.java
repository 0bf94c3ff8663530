package dev.rr.launcher.e2e;

import dev.rr.common.input.Shard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples each shard's total account balance in a consistent MySQL read ({@code START
 * TRANSACTION WITH CONSISTENT SNAPSHOT}, one {@code SELECT SUM}), in the background many times a
 * second or on demand. The workload only moves money between accounts of one shard, so every
 * committed state holds either no accounts yet or all of them with the shard's fixed total; any
 * other sample is a violation: a reader saw a Spanner transaction half applied.
 */
final class BalanceSampler implements AutoCloseable {
  /** Pause between two rounds over the shards. */
  private static final long ROUND_PAUSE_MILLIS = 10;
  private static final int MAX_EXAMPLES = 5;

  /** What the sampler saw. */
  record Stats(long samples, long violations, long unavailable, List<String> examples) {}

  private final List<Shard> shards;
  private final int accounts;
  private final long invariant;
  private final Connection[] connections;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<String> examples = new ArrayList<>();
  private long samples;
  private long violations;
  private long unavailable;
  private Thread thread;

  /**
   * @param accounts accounts per shard once they exist
   * @param invariant each shard's total balance once its accounts exist
   */
  BalanceSampler(List<Shard> shards, int accounts, long invariant) {
    this.shards = List.copyOf(shards);
    this.accounts = accounts;
    this.invariant = invariant;
    this.connections = new Connection[shards.size()];
  }

  /** Starts sampling every shard in a background thread until {@link #stop()}. */
  BalanceSampler start() {
    running.set(true);
    thread = new Thread(() -> {
      while (running.get()) {
        for (int i = 0; i < shards.size() && running.get(); i++) {
          sampleNow(i);
        }
        pause();
      }
    }, "e2e-balance-sampler");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Stops the background sampling and returns what was seen. */
  Stats stop() throws InterruptedException {
    running.set(false);
    if (thread != null) {
      thread.join();
    }
    return stats();
  }

  synchronized Stats stats() {
    return new Stats(samples, violations, unavailable, List.copyOf(examples));
  }

  /**
   * Takes one sample of shard {@code index} now; returns false for a violation. A shard that
   * cannot be reached (its server is down) counts as unavailable, not as a violation.
   */
  synchronized boolean sampleNow(int index) {
    try {
      Connection connection = connection(index);
      long count;
      long sum;
      try (Statement statement = connection.createStatement()) {
        statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        try (ResultSet row = statement.executeQuery(
            "SELECT COUNT(*), COALESCE(SUM(balance), 0) FROM accounts")) {
          row.next();
          count = row.getLong(1);
          sum = row.getLong(2);
        }
        statement.execute("COMMIT");
      }
      samples++;
      boolean valid = (count == 0 && sum == 0) || (count == accounts && sum == invariant);
      if (!valid) {
        violations++;
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(shards.get(index).logicalShardId() + ": " + count + " accounts, total "
              + sum + " (expected " + accounts + " accounts, total " + invariant + ")");
        }
      }
      return valid;
    } catch (SQLException e) {
      unavailable++;
      closeQuietly(index);
      return true;
    }
  }

  private Connection connection(int index) throws SQLException {
    if (connections[index] == null) {
      Shard shard = shards.get(index);
      Properties properties = shard.jdbcProperties();
      // A stopped server must not hold the sampler for long.
      properties.setProperty("connectTimeout", "1000");
      properties.setProperty("socketTimeout", "5000");
      Connection connection = DriverManager.getConnection(shard.jdbcUrl(), properties);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      }
      connections[index] = connection;
    }
    return connections[index];
  }

  private void closeQuietly(int index) {
    if (connections[index] != null) {
      try {
        connections[index].close();
      } catch (SQLException e) {
        // The connection is already broken; nothing to release.
      }
      connections[index] = null;
    }
  }

  private void pause() {
    try {
      Thread.sleep(ROUND_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    synchronized (this) {
      for (int i = 0; i < connections.length; i++) {
        closeQuietly(i);
      }
    }
  }
}
