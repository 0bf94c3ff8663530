package dev.rr.writer.snapshot.beam;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.writer.snapshot.ChunkId;
import dev.rr.writer.snapshot.ChunkLoader;
import dev.rr.writer.snapshot.ShardTargets;
import dev.rr.writer.snapshot.SnapshotPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one chunk with its shard's {@link ChunkLoader}. A transient error, as the shard's dialect
 * classifies it (connection lost, deadlock, ...), is retried up to {@value #MAX_ATTEMPTS} times with jittered backoff; the chunk's
 * transaction was rolled back, so the retry starts clean. A permanent one fails the pipeline: the
 * snapshot is then resumed by running it again, which skips the chunks already loaded.
 */
final class LoadChunkFn extends DoFn<KV<ChunkId, Iterable<ChangeRecord>>, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(LoadChunkFn.class);
  static final String ROWS_LOADED = "snapshot_rows_loaded";
  static final String CHUNKS_LOADED = "snapshot_chunks_loaded";
  static final String CHUNKS_SKIPPED = "snapshot_chunks_skipped";
  static final String STATEMENTS = "snapshot_statements";
  static final int MAX_ATTEMPTS = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  private final SnapshotPlan plan;
  private final Counter rows = Metrics.counter(SnapshotPipeline.NAMESPACE, ROWS_LOADED);
  private final Counter loaded = Metrics.counter(SnapshotPipeline.NAMESPACE, CHUNKS_LOADED);
  private final Counter skipped = Metrics.counter(SnapshotPipeline.NAMESPACE, CHUNKS_SKIPPED);
  private final Counter statements = Metrics.counter(SnapshotPipeline.NAMESPACE, STATEMENTS);
  private transient ShardTargets targets;

  LoadChunkFn(SnapshotPlan plan) {
    this.plan = plan;
  }

  @Setup
  public void setup() {
    targets = ShardTargets.open(plan);
  }

  @ProcessElement
  public void process(@Element KV<ChunkId, Iterable<ChangeRecord>> chunk)
      throws SQLException, InterruptedException {
    ChunkLoader.Result result = loadWithRetries(chunk.getKey(), chunk.getValue());
    if (result.skipped()) {
      skipped.inc();
      return;
    }
    loaded.inc();
    rows.inc(result.rows());
    statements.inc(result.statements());
    Metrics.counter(SnapshotPipeline.NAMESPACE, ROWS_LOADED + "_" + chunk.getKey().shard())
        .inc(result.rows());
  }

  private ChunkLoader.Result loadWithRetries(ChunkId id, Iterable<ChangeRecord> records)
      throws SQLException, InterruptedException {
    int chunkCount = plan.chunkCount(id.table());
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = targets.connect(id.shard())) {
        return targets.loader(id.shard(), connection).load(connection, id, chunkCount, records);
      } catch (SQLException e) {
        if (attempt >= MAX_ATTEMPTS || targets.dialect().classify(e) != ErrorClass.TRANSIENT) {
          throw e;
        }
        long delay = FIRST_BACKOFF.toMillis() << (attempt - 1);
        delay += ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        LOG.warn("[shard={}] chunk {}: transient error (attempt {}), retrying in {} ms: {}",
            id.shard(), id, attempt, delay, e.toString());
        Thread.sleep(delay);
      }
    }
  }

  @Teardown
  public void teardown() {
    targets = null;
  }
}
