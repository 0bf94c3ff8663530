package dev.rr.writer.snapshot.beam;

import dev.rr.writer.snapshot.LoadProgressDao;
import dev.rr.writer.snapshot.ShardResync;
import dev.rr.writer.snapshot.ShardTargets;
import dev.rr.writer.snapshot.SnapshotBootstrap;
import dev.rr.writer.snapshot.SnapshotPlan;
import dev.rr.writer.snapshot.TableLoad;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs one snapshot to its end: checks the shards, runs the pipeline (printing rows loaded of the
 * estimate, rate and ETA every {@link #PROGRESS_EVERY}), and sets every shard's checkpoint to T
 * only when every chunk is loaded. Running it again for the same run and T resumes it.
 */
public final class SnapshotRun {
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  /**
   * What a run did.
   *
   * @param rowsRead rows read from Spanner at T
   * @param rowsLoaded rows written to the shards by this run
   * @param chunksLoaded chunks loaded by this run
   * @param chunksSkipped chunks found loaded already (by an earlier, interrupted run)
   * @param statements upsert statements run
   * @param unrouted rows that routed to no shard
   * @param took wall time of the pipeline
   */
  public record Result(long rowsRead, long rowsLoaded, long chunksLoaded, long chunksSkipped,
      long statements, long unrouted, Duration took) {
    /** Rows loaded per second. */
    public double rowsPerSecond() {
      return rowsLoaded / Math.max(0.001, took.toMillis() / 1000.0);
    }
  }

  private final SnapshotPlan plan;
  private final SpannerConfig spanner;
  private final Map<String, Map<String, Long>> estimates;
  private final PrintWriter out;
  private final LoadProgressDao progress;

  /**
   * @param estimates rows at T per shard and Spanner table
   *     ({@link SnapshotBootstrap#shardRowCounts}); a missing entry counts 0
   * @param out where progress lines go
   */
  public SnapshotRun(SnapshotPlan plan, SpannerConfig spanner,
      Map<String, Map<String, Long>> estimates, PrintWriter out) {
    this.plan = plan;
    this.spanner = spanner;
    this.estimates = Map.copyOf(estimates);
    this.out = out;
    this.progress = new LoadProgressDao(plan.sql());
  }

  /** Rows at T of every table that route to the shards this run loads. */
  public long estimatedRows() {
    return plan.loadedShards().stream().mapToLong(shard -> estimates
        .getOrDefault(shard, Map.of()).values().stream().mapToLong(Long::longValue).sum()).sum();
  }

  /** The snapshot this run loads. */
  public SnapshotPlan plan() {
    return plan;
  }

  /** Starts the pipeline with {@code options} after the shard checks; see {@link #finish}. */
  public PipelineResult start(PipelineOptions options) throws SQLException {
    if (plan.resyncOnly().isEmpty()) {
      // A resync's shard was fenced and prepared by ShardResync.begin: it is not empty.
      SnapshotBootstrap.checkShards(plan, ShardTargets.open(plan));
    }
    ShardTargets targets = ShardTargets.open(plan);
    SnapshotPlan loading = SnapshotBootstrap.keepRecordedChunking(plan, targets);
    if (!loading.chunkCounts().equals(plan.chunkCounts())) {
      out.printf("snapshot: resuming with the chunks of the first attempt %s (this one would cut"
          + " %s)%n", new java.util.TreeMap<>(loading.chunkCounts()),
          new java.util.TreeMap<>(plan.chunkCounts()));
    }
    recordStart(targets, loading);
    Pipeline pipeline = Pipeline.create(options);
    SnapshotPipeline.buildPipeline(pipeline, spanner, loading);
    out.printf("snapshot of run %s at %s: %d rows to load%n", plan.runId(), plan.snapshot(),
        estimatedRows());
    return pipeline.run();
  }

  /** Runs the snapshot with {@code options} and, when every chunk is in, sets the checkpoints. */
  public Result run(PipelineOptions options) throws SQLException {
    long startNanos = System.nanoTime();
    PipelineResult result = start(options);
    return finish(result, startNanos);
  }

  /**
   * Waits for {@code result} (printing progress) and sets the checkpoints.
   *
   * @throws IllegalStateException when the pipeline did not finish (no checkpoint is set then)
   */
  public Result finish(PipelineResult result, long startNanos) throws SQLException {
    ShardTargets targets = ShardTargets.open(plan);
    PipelineResult.State state;
    do {
      state = result.waitUntilFinish(org.joda.time.Duration.millis(PROGRESS_EVERY.toMillis()));
      printProgress(targets);
    } while (state == null || !state.isTerminal());
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the snapshot pipeline ended " + state
          + "; no shard checkpoint was set. Run it again to resume: loaded chunks are skipped");
    }
    Map<String, Long> deleted = finishShards();
    Result done = new Result(counter(result, RouteRowsFn.READ),
        counter(result, LoadChunkFn.ROWS_LOADED), counter(result, LoadChunkFn.CHUNKS_LOADED),
        counter(result, LoadChunkFn.CHUNKS_SKIPPED), counter(result, LoadChunkFn.STATEMENTS),
        counter(result, RouteRowsFn.UNROUTED), Duration.ofNanos(System.nanoTime() - startNanos));
    if (plan.resyncOnly().isPresent()) {
      out.printf("resync of shard %s of run %s at %s done: %s; rows deleted (not in Spanner at"
          + " T) %s; the shard's checkpoint is restored, the writer goes on from it%n",
          plan.resyncOnly().get(), plan.runId(), plan.snapshot(), done, deleted);
    } else {
      out.printf("snapshot of run %s at %s done: %s; every shard's checkpoint is at T%n",
          plan.runId(), plan.snapshot(), done);
    }
    return done;
  }

  /**
   * Every chunk is loaded: sets every shard's checkpoint to T, or, for a resync, deletes the
   * shard's rows Spanner does not have at T and restores its checkpoint (rows deleted by table).
   */
  private Map<String, Long> finishShards() throws SQLException {
    ShardTargets targets = ShardTargets.open(plan);
    Map<String, Long> deleted = Map.of();
    if (plan.resyncOnly().isEmpty()) {
      SnapshotBootstrap.finish(plan, targets);
    } else {
      String shard = plan.resyncOnly().get();
      try (Connection connection = targets.connect(shard)) {
        deleted = new ShardResync(plan.sql()).finish(connection, plan.runId(), shard, plan.schema());
      }
    }
    for (String shard : plan.loadedShards()) {
      try (Connection connection = targets.connect(shard)) {
        progress.finish(connection, plan, shard);
      }
    }
    return deleted;
  }

  /** Records in every loaded shard that this attempt starts loading its tables (and estimates). */
  private void recordStart(ShardTargets targets, SnapshotPlan loading) throws SQLException {
    for (String shard : loading.loadedShards()) {
      Map<String, Long> rows = estimates.getOrDefault(shard, Map.of());
      try (Connection connection = targets.connect(shard)) {
        progress.ensureTable(connection);
        for (String table : plan.schema().spannerTables()) {
          progress.start(connection, loading, shard, table, rows.getOrDefault(table, 0L));
        }
      }
    }
  }

  /**
   * One line per loaded shard, from the shard's own progress tables (so a resumed run counts the
   * chunks loaded before it too): rows loaded of the estimate, chunks, rate, ETA.
   */
  private void printProgress(ShardTargets targets) {
    TableLoad.Kind kind =
        plan.resyncOnly().isPresent() ? TableLoad.Kind.RESYNC : TableLoad.Kind.SNAPSHOT;
    String label = kind == TableLoad.Kind.RESYNC ? "resync" : "snapshot";
    for (String shard : plan.loadedShards()) {
      try (Connection connection = targets.connect(shard)) {
        List<TableLoad> tables = progress.underWay(connection, plan.runId(), shard).stream()
            .filter(load -> load.kind() == kind).toList();
        out.printf("%s: shard %s: %s%n", label, shard,
            TableLoad.total(shard, kind, tables).describe());
      } catch (SQLException e) {
        // Progress is informative: a busy or briefly unreachable shard must not stop the load.
        out.printf("%s: shard %s: progress not readable now (%s)%n", label, shard,
            e.getMessage());
      }
    }
    out.flush();
  }

  /** The attempted value of counter {@code name}, summed over steps; 0 when the runner has none. */
  static long counter(PipelineResult result, String name) {
    try {
      MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
          .addNameFilter(MetricNameFilter.named(SnapshotPipeline.NAMESPACE, name)).build());
      long total = 0;
      for (MetricResult<Long> counter : metrics.getCounters()) {
        total += counter.getAttempted();
      }
      return total;
    } catch (UnsupportedOperationException e) {
      return 0;
    }
  }
}
