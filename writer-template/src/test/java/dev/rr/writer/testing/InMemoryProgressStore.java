package dev.rr.writer.testing;

import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.writer.logic.ProgressStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress rows in memory, with the same stale-write rule as the metadata table, and every write
 * kept in order for assertions.
 */
public final class InMemoryProgressStore implements ProgressStore {
  private final Map<String, ShardProgress> rows = new ConcurrentHashMap<>();
  private final List<ShardProgress> writes = new ArrayList<>();
  private final Map<ShardStatus, Integer> failuresToInject = new ConcurrentHashMap<>();

  @Override
  public Optional<ShardProgress> read(String shard) {
    return Optional.ofNullable(rows.get(shard));
  }

  @Override
  public synchronized boolean write(ShardProgress progress) {
    int failures = failuresToInject.getOrDefault(progress.status(), 0);
    if (failures > 0) {
      failuresToInject.put(progress.status(), failures - 1);
      throw new IllegalStateException("injected metadata write failure (" + progress.status() + ")");
    }
    ShardProgress stored = rows.get(progress.shard());
    if (stored != null && stored.processedUpto().compareTo(progress.processedUpto()) > 0) {
      return false;
    }
    rows.put(progress.shard(), progress);
    writes.add(progress);
    return true;
  }

  /** The stored row of {@code shard}. */
  public ShardProgress row(String shard) {
    return rows.get(shard);
  }

  /** The statuses written for {@code shard}, in order. */
  public synchronized List<ShardStatus> statuses(String shard) {
    List<ShardStatus> statuses = new ArrayList<>();
    for (ShardProgress write : writes) {
      if (write.shard().equals(shard)) {
        statuses.add(write.status());
      }
    }
    return statuses;
  }

  /** Makes the next {@code count} writes of rows with {@code status} fail, as a busy Spanner would. */
  public void failWrites(ShardStatus status, int count) {
    failuresToInject.put(status, count);
  }

  /** Stores a row as an operator or an earlier launch would have. */
  public void put(ShardProgress progress) {
    rows.put(progress.shard(), progress);
  }
}
