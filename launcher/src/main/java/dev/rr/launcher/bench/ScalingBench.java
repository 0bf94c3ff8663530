package dev.rr.launcher.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.rr.common.input.Shard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shard scaling: the writer over 1, 4, 16 and 32 shards at once, shard databases spread over the
 * given servers, the same records per shard at every step. Reports total and per-shard
 * records/s and peak heap, plus the heap of one shard with small windows against one window
 * holding its whole history (heap must not grow with window size).
 */
public final class ScalingBench {
  private static final double MB = 1024 * 1024;

  /**
   * @param shardCounts the steps, e.g. 1, 4, 16, 32
   * @param recordsPerShard change records per shard
   * @param seed workload seed
   * @param workDir scratch directory (a {@code scaling} subdirectory is replaced)
   * @param servers MySQL servers; shard i goes to server {@code i % servers.size()}
   */
  public record Config(
      List<Integer> shardCounts,
      long recordsPerShard,
      long seed,
      Path workDir,
      List<BenchServer> servers) {}

  /**
   * The steps and the window check.
   *
   * @param points one per shard count
   * @param smallWindows one shard with 1 s windows
   * @param oneWindow the same records in a single window
   */
  public record Result(List<ScalingPoint> points, ScalingPoint smallWindows, ScalingPoint oneWindow) {

    /** The highest total rate of any step: what the servers gave the writer at most. */
    public double peakTotal() {
      return points.stream().mapToDouble(ScalingPoint::totalRecordsPerSecond).max().orElse(0);
    }

    /**
     * What a shard can get at {@code point}: the 1-shard rate, or its share of the peak total
     * when the servers are the limit.
     */
    public double fairShare(ScalingPoint point) {
      double single = points.get(0).perShardRecordsPerSecond();
      return Math.min(single, peakTotal() / point.shards());
    }

    /** True when every run left exactly the expected rows. */
    public boolean verified() {
      return points.stream().allMatch(ScalingPoint::verified)
          && smallWindows.verified() && oneWindow.verified();
    }

    public void print(PrintWriter out) {
      TextTable table = new TextTable("shards", "records", "seconds", "total rec/s",
          "per-shard rec/s", "slowest shard", "fair share", "per-shard/fair", "heap MB: before",
          "peak", "after GC", "verified");
      for (ScalingPoint p : points) {
        table.row(p.shards(), TextTable.count(p.records()),
            TextTable.decimal(p.elapsed().toNanos() / 1e9),
            TextTable.count(p.totalRecordsPerSecond()),
            TextTable.count(p.perShardRecordsPerSecond()),
            TextTable.count(p.slowestShardRecordsPerSecond()),
            TextTable.count(fairShare(p)),
            TextTable.decimal(p.perShardRecordsPerSecond() / fairShare(p)),
            TextTable.count(p.heapBaselineBytes() / MB), TextTable.count(p.heapPeakBytes() / MB),
            TextTable.count(p.heapAfterGcBytes() / MB),
            p.verified() ? "yes" : "NO");
      }
      table.print(out);
      out.printf("heap, 1 shard: 1 s windows %.0f MB peak, %.0f MB after GC; one window of %,d"
              + " records %.0f MB peak, %.0f MB after GC (baseline %.0f MB)%n",
          smallWindows.heapPeakBytes() / MB, smallWindows.heapAfterGcBytes() / MB,
          oneWindow.records(), oneWindow.heapPeakBytes() / MB, oneWindow.heapAfterGcBytes() / MB,
          oneWindow.heapBaselineBytes() / MB);
      for (ScalingPoint p : points) {
        p.verifications().stream().filter(v -> !v.ok())
            .forEach(v -> out.println("VERIFY FAILED " + p.shards() + " shards: " + v.describe()));
      }
      json().print(out);
    }

    public JsonLine json() {
      JsonArray steps = new JsonArray();
      for (ScalingPoint p : points) {
        JsonObject step = new JsonObject();
        step.addProperty("shards", p.shards());
        step.add("total_rps", JsonLine.number(p.totalRecordsPerSecond()));
        step.add("per_shard_rps", JsonLine.number(p.perShardRecordsPerSecond()));
        step.add("slowest_shard_rps", JsonLine.number(p.slowestShardRecordsPerSecond()));
        step.add("per_shard_vs_fair", JsonLine.number(p.perShardRecordsPerSecond() / fairShare(p)));
        step.add("heap_before_mb", JsonLine.number(p.heapBaselineBytes() / MB));
        step.add("peak_heap_mb", JsonLine.number(p.heapPeakBytes() / MB));
        step.add("heap_after_gc_mb", JsonLine.number(p.heapAfterGcBytes() / MB));
        steps.add(step);
      }
      return new JsonLine("scaling")
          .put("points", steps)
          .put("heap_after_gc_small_windows_mb", smallWindows.heapAfterGcBytes() / MB)
          .put("heap_after_gc_one_window_mb", oneWindow.heapAfterGcBytes() / MB)
          .put("verified", verified());
    }
  }

  private ScalingBench() {}

  /** Runs every step, then the window check. */
  public static Result run(Config config, WriterPath writer, PrintWriter log) throws Exception {
    // Unmeasured: the first step then runs on a warm JVM like the others.
    long warmUp = Math.min(config.recordsPerShard(), 5_000);
    step(config, writer, WorkloadSpec.of(warmUp, 1).withSeed(config.seed() + 1), "warmup", log);
    List<ScalingPoint> points = new ArrayList<>();
    for (int shards : config.shardCounts()) {
      WorkloadSpec spec =
          WorkloadSpec.of(config.recordsPerShard() * shards, shards).withSeed(config.seed());
      points.add(step(config, writer, spec, "shards-" + shards, log));
    }
    WorkloadSpec single = WorkloadSpec.of(config.recordsPerShard(), 1).withSeed(config.seed());
    ScalingPoint small = step(config, writer, single.withWindow(Duration.ofSeconds(1)), "small", log);
    ScalingPoint one = step(config, writer, single.withWindow(Duration.ofDays(1)), "one", log);
    return new Result(points, small, one);
  }

  private static ScalingPoint step(
      Config config, WriterPath writer, WorkloadSpec spec, String name, PrintWriter log)
      throws Exception {
    Path buffer = BenchFiles.freshDirectory(config.workDir().resolve("scaling").resolve(name));
    GeneratedWorkload workload = WorkloadGenerator.generate(spec, buffer);
    List<Shard> shards = new ArrayList<>();
    for (int i = 0; i < spec.shards(); i++) {
      BenchServer server = config.servers().get(i % config.servers().size());
      String id = WorkloadSpec.shardId(i);
      shards.add(server.freshShard(id, "rrbench_scale_" + id));
    }
    WriterJob job = WriterJob.of("bench-scaling-" + name, workload, shards);
    List<ShardRun> runs;
    long baseline;
    long peak;
    long afterGc;
    Duration elapsed;
    try (HeapSampler heap = HeapSampler.start()) {
      long started = System.nanoTime();
      runs = ParallelApply.run(writer, job, workload);
      elapsed = Duration.ofNanos(System.nanoTime() - started);
      baseline = heap.baselineBytes();
      peak = heap.peakSampledBytes();
      afterGc = heap.peakAfterGcBytes();
    }
    List<Verification> checks = new ArrayList<>();
    for (Shard shard : shards) {
      checks.add(StateVerifier.verify(shard, workload.expected()));
    }
    ScalingPoint point = new ScalingPoint(
        spec.shards(), workload.records(), elapsed, runs, baseline, peak, afterGc, checks);
    log.printf("scaling %s: %d shard(s), %,.0f records/s total%n", name, spec.shards(),
        point.totalRecordsPerSecond());
    log.flush();
    return point;
  }
}
