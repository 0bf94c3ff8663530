package dev.rr.launcher.check;

import dev.rr.launcher.verify.ShardDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the {@link ConsistentPrefixOracle} over every shard, round after round, in a background
 * thread while replication runs (or one shard on demand). Counts samples and mismatches and keeps
 * the first mismatched samples whole, for a post-mortem. A shard that cannot be read (its server
 * is down) counts as unavailable, not as a mismatch.
 */
public final class PrefixSampler implements AutoCloseable {
  /** Mismatched samples kept whole. */
  static final int KEPT = 5;

  /** What the sampler saw so far. */
  public record Stats(long samples, long mismatches, long unavailable, long withCheckpoint,
      List<PrefixSample> mismatched) {}

  private final ConsistentPrefixOracle oracle;
  private final List<ShardDatabase> shards;
  private final long pauseMillis;
  private final Map<String, Connection> connections = new LinkedHashMap<>();
  private final List<PrefixSample> mismatched = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private long samples;
  private long mismatches;
  private long unavailable;
  private long withCheckpoint;
  private Thread thread;

  /** @param pauseMillis pause between two rounds over the shards */
  public PrefixSampler(ConsistentPrefixOracle oracle, List<ShardDatabase> shards, long pauseMillis) {
    this.oracle = oracle;
    this.shards = List.copyOf(shards);
    this.pauseMillis = pauseMillis;
  }

  /** Starts sampling every shard in a background thread until {@link #stop()}. */
  public PrefixSampler start() {
    running.set(true);
    thread = new Thread(() -> {
      while (running.get()) {
        for (int i = 0; i < shards.size() && running.get(); i++) {
          sampleNow(shards.get(i));
        }
        pause();
      }
    }, "prefix-sampler");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Stops the background sampling and returns what was seen. */
  public Stats stop() throws InterruptedException {
    running.set(false);
    if (thread != null) {
      thread.join();
      thread = null;
    }
    return stats();
  }

  public synchronized Stats stats() {
    return new Stats(samples, mismatches, unavailable, withCheckpoint, List.copyOf(mismatched));
  }

  /** Samples every shard once now; returns the samples taken (unavailable shards left out). */
  public List<PrefixSample> sampleAll() {
    List<PrefixSample> taken = new ArrayList<>();
    for (ShardDatabase shard : shards) {
      PrefixSample sample = sampleNow(shard);
      if (sample != null) {
        taken.add(sample);
      }
    }
    return taken;
  }

  /** Samples {@code shard} now; null when it could not be read. */
  public synchronized PrefixSample sampleNow(ShardDatabase shard) {
    try {
      PrefixSample sample = oracle.sample(shard.shardId(), connection(shard));
      samples++;
      if (sample.checkpoint().isPresent()) {
        withCheckpoint++;
      }
      if (!sample.matches()) {
        mismatches++;
        if (mismatched.size() < KEPT) {
          mismatched.add(sample);
        }
      }
      return sample;
    } catch (SQLException e) {
      unavailable++;
      closeQuietly(shard.shardId());
      return null;
    }
  }

  private Connection connection(ShardDatabase shard) throws SQLException {
    Connection connection = connections.get(shard.shardId());
    if (connection == null) {
      connection = shard.connector().open();
      connections.put(shard.shardId(), connection);
    }
    return connection;
  }

  private void closeQuietly(String shardId) {
    Connection connection = connections.remove(shardId);
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // The connection is already broken; nothing to release.
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    synchronized (this) {
      List.copyOf(connections.keySet()).forEach(this::closeQuietly);
    }
  }
}
