package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the writer under test over several shards at once, one thread per shard (shards in
 * parallel, each strictly sequential inside), and notes when each shard finished.
 */
final class ParallelApply {

  private ParallelApply() {}

  /** Applies every shard of {@code job}; the first failure is rethrown with its shard named. */
  static List<ShardRun> run(WriterPath writer, WriterJob job, GeneratedWorkload workload)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(job.shards().size(), runnable -> {
      Thread thread = new Thread(runnable, "bench-writer");
      thread.setDaemon(true);
      return thread;
    });
    try {
      long started = System.nanoTime();
      List<Future<ShardRun>> runs = new ArrayList<>();
      for (Shard shard : job.shards()) {
        runs.add(pool.submit(() -> {
          writer.applyShard(job, shard);
          return new ShardRun(shard.logicalShardId(),
              workload.recordsByShard().getOrDefault(shard.logicalShardId(), 0L),
              Duration.ofNanos(System.nanoTime() - started));
        }));
      }
      List<ShardRun> results = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        try {
          results.add(runs.get(i).get());
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "writer failed on shard " + job.shards().get(i).logicalShardId(), e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
