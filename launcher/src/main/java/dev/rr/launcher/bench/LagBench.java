package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.rr.common.input.Shard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * End-to-end lag: the mixed workload at a steady rate against the emulator while reader and
 * writer run continuously; probes written among the workload measure, from outside the
 * pipelines, commit -> window file final (reader part) -> visible in MySQL (writer part).
 */
public final class LagBench {
  private static final String SHARD = WorkloadSpec.shardId(0);
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

  /**
   * @param transactionsPerSecond workload rate
   * @param duration how long the workload runs per window duration
   * @param windows the window durations to measure, e.g. 1 s and 10 s
   * @param probesPerSecond probe rate
   * @param threads workload senders
   * @param seed workload seed
   * @param workDir scratch directory (a {@code lag} subdirectory is replaced)
   * @param emulatorHost the emulator
   * @param server the MySQL server
   */
  public record Config(
      int transactionsPerSecond,
      Duration duration,
      List<Duration> windows,
      int probesPerSecond,
      int threads,
      long seed,
      Path workDir,
      String emulatorHost,
      BenchServer server) {}

  /** One run per window duration. */
  public record Result(List<LagRun> runs) {

    public boolean verified() {
      return runs.stream().allMatch(LagRun::verified);
    }

    public void print(PrintWriter out) {
      TextTable table = new TextTable("window", "part", "samples", "p50 s", "p95 s", "p99 s",
          "max s");
      for (LagRun run : runs) {
        String window = run.window().toMillis() / 1000.0 + " s";
        row(table, window, "end-to-end", run.endToEnd());
        row(table, window, "reader", run.readerPart());
        row(table, window, "writer", run.writerPart());
      }
      table.print(out);
      for (LagRun run : runs) {
        out.printf("window %s: workload %.0f tx/s (%,d changes, %,d sent late), pipelines up after"
                + " %.1f s, final state %s%n",
            run.window(), run.achievedRate(), run.changes(), run.lateTransactions(),
            run.startup().toMillis() / 1000.0, run.verified() ? "verified" : "WRONG");
        run.verification().stream().filter(v -> !v.ok())
            .forEach(v -> out.println("VERIFY FAILED: " + v.describe()));
      }
      out.println("targets: writer part p50 <= 0.5 s; end-to-end p50 <= 5 s, p99 <= 12 s"
          + " (1 s windows)");
      json().print(out);
    }

    public JsonLine json() {
      JsonArray array = new JsonArray();
      for (LagRun run : runs) {
        JsonObject json = new JsonObject();
        json.add("window_s", JsonLine.number(run.window().toMillis() / 1000.0));
        json.add("achieved_tps", JsonLine.number(run.achievedRate()));
        put(json, "e2e", run.endToEnd());
        put(json, "reader", run.readerPart());
        put(json, "writer", run.writerPart());
        json.addProperty("verified", run.verified());
        array.add(json);
      }
      return new JsonLine("lag").put("runs", array).put("verified", verified());
    }

    private static void put(JsonObject json, String part, LagStats stats) {
      json.add(part + "_p50_s", JsonLine.number(stats.p50()));
      json.add(part + "_p95_s", JsonLine.number(stats.p95()));
      json.add(part + "_p99_s", JsonLine.number(stats.p99()));
      json.add(part + "_max_s", JsonLine.number(stats.max()));
    }

    private static void row(TextTable table, String window, String part, LagStats stats) {
      table.row(window, part, stats.count(), TextTable.decimal(stats.p50()),
          TextTable.decimal(stats.p95()), TextTable.decimal(stats.p99()),
          TextTable.decimal(stats.max()));
    }
  }

  private LagBench() {}

  public static Result run(Config config, ReplicationPath replication, PrintWriter log)
      throws Exception {
    List<LagRun> runs = new ArrayList<>();
    for (Duration window : config.windows()) {
      runs.add(runOnce(config, window, replication, log));
    }
    return new Result(runs);
  }

  private static LagRun runOnce(
      Config config, Duration window, ReplicationPath replication, PrintWriter log)
      throws Exception {
    String suffix = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    String database = "bench_lag_" + suffix;
    String metadata = "bench_lag_meta_" + suffix;
    Path buffer = BenchFiles.freshDirectory(config.workDir().resolve("lag").resolve(suffix));
    Shard shard = config.server().freshShard(SHARD, "rrbench_lag", BenchSchema.mysqlDdlWithProbe());
    try (BenchSpanner spanner = BenchSpanner.connect(config.emulatorHost())) {
      DatabaseClient client = spanner.createDatabase(database, BenchSchema.spannerDdlWithProbe());
      spanner.createDatabase(metadata, List.of());
      try {
        ReplicationJob job = new ReplicationJob("bench-lag-" + suffix, config.emulatorHost(),
            spanner.project(), spanner.instance(), database, metadata, BenchSchema.CHANGE_STREAM,
            Timestamp.now(), window, buffer.toString(), shard);
        return measure(config, window, replication, job, client, buffer, shard, log);
      } finally {
        spanner.dropDatabase(database);
        spanner.dropDatabase(metadata);
      }
    }
  }

  private static LagRun measure(Config config, Duration window, ReplicationPath replication,
      ReplicationJob job, DatabaseClient client, Path buffer, Shard shard, PrintWriter log)
      throws Exception {
    ProbeWriter probes = new ProbeWriter(client, config.probesPerSecond());
    SteadyWorkload workload = new SteadyWorkload(
        client, SHARD, config.transactionsPerSecond(), config.threads(), config.seed());
    long started = System.nanoTime();
    try (AutoCloseable pipelines = replication.start(job);
        VisibilityWatcher watcher = new VisibilityWatcher(buffer, shard)) {
      watcher.start();
      long warmUp = probes.probe();
      awaitVisible(watcher, warmUp, STARTUP_TIMEOUT, "the first probe");
      Duration startup = Duration.ofNanos(System.nanoTime() - started);
      log.printf("lag, %s windows: pipelines up after %.1f s; workload %d tx/s for %s%n", window,
          startup.toMillis() / 1000.0, config.transactionsPerSecond(), config.duration());
      log.flush();
      workload.start();
      probes.start();
      Thread.sleep(config.duration().toMillis());
      probes.stop();
      workload.stop();
      long last = probes.probe();
      awaitVisible(watcher, last, Duration.ofMinutes(2).plus(window.multipliedBy(3)),
          "the last probe");
      List<Verification> check = List.of(StateVerifier.verify(shard, workload.expected()));
      return samples(window, startup, workload, probes, watcher, warmUp, last, check);
    }
  }

  private static LagRun samples(Duration window, Duration startup, SteadyWorkload workload,
      ProbeWriter probes, VisibilityWatcher watcher, long warmUp, long last,
      List<Verification> check) {
    List<Duration> total = new ArrayList<>();
    List<Duration> reader = new ArrayList<>();
    List<Duration> writer = new ArrayList<>();
    for (Map.Entry<Long, Instant> probe : probes.commits().entrySet()) {
      long id = probe.getKey();
      Instant visible = watcher.probesVisible().get(id);
      if (id == warmUp || id == last || visible == null) {
        continue;
      }
      Instant commit = probe.getValue();
      total.add(Duration.between(commit, visible));
      Optional<Instant> file = watcher.fileSeen(commit);
      if (file.isPresent()) {
        reader.add(Duration.between(commit, file.get()));
        Duration writerPart = Duration.between(file.get(), visible);
        writer.add(writerPart.isNegative() ? Duration.ZERO : writerPart);
      }
    }
    return new LagRun(window, startup, workload.achievedRate(), workload.changes(),
        workload.late(), LagStats.of(total), LagStats.of(reader), LagStats.of(writer), check);
  }

  private static void awaitVisible(
      VisibilityWatcher watcher, long probe, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (watcher.maxVisible() < probe) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " (probe " + probe + ") was not visible in MySQL"
            + " within " + timeout + "; highest visible probe: " + watcher.maxVisible());
      }
      Thread.sleep(VisibilityWatcher.POLL_MILLIS);
    }
  }
}
