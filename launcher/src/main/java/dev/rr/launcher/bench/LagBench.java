package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.rr.common.input.Shard;
import dev.rr.common.metadata.FileCreateProgressDao;
import dev.rr.common.metadata.MetadataTables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * End-to-end lag: the mixed workload at a steady rate against the emulator while reader and
 * writer run continuously; probes written among the workload measure, from outside the
 * pipelines, commit -> window ready for the writer (reader part: the window final, its file
 * written and {@code created_upto} past its end) -> visible in MySQL (writer part).
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
   * @param drainTimeout how long to wait, after the workload, for the last probe to be visible
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
      Duration drainTimeout,
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
            run.startup().toMillis() / 1000.0,
            run.notVisible() > 0
                ? "NOT CAUGHT UP (" + run.notVisible() + " probes not visible; their lags are"
                    + " lower bounds)"
                : run.verification().isEmpty()
                    ? "NOT CHECKED (the last probe never became visible)"
                : run.verified() ? "verified" : "WRONG");
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
        json.addProperty("probes_not_visible", run.notVisible());
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
      spanner.createDatabase(database, BenchSchema.spannerDdlWithProbe());
      spanner.createDatabase(metadata, List.of());
      try {
        ReplicationJob job = new ReplicationJob("bench-lag-" + suffix, config.emulatorHost(),
            spanner.project(), spanner.instance(), database, metadata, BenchSchema.CHANGE_STREAM,
            Timestamp.now(), window, buffer.toString(), shard);
        return measure(config, window, replication, job, spanner, buffer, shard, log);
      } finally {
        spanner.dropDatabase(database);
        spanner.dropDatabase(metadata);
      }
    }
  }

  private static LagRun measure(Config config, Duration window, ReplicationPath replication,
      ReplicationJob job, BenchSpanner spanner, Path buffer, Shard shard, PrintWriter log)
      throws Exception {
    DatabaseClient client = spanner.client(job.database());
    ProbeWriter probes = new ProbeWriter(client, config.probesPerSecond());
    SteadyWorkload workload = new SteadyWorkload(
        client, SHARD, config.transactionsPerSecond(), config.threads(), config.seed());
    long started = System.nanoTime();
    try (AutoCloseable pipelines = replication.start(job);
        VisibilityWatcher watcher = new VisibilityWatcher(buffer, shard,
            createdUpto(spanner.client(job.metadataDatabase()), job.runId()))) {
      watcher.start();
      long warmUp = probes.probe();
      if (!awaitVisible(watcher, warmUp, STARTUP_TIMEOUT)) {
        throw new IllegalStateException("the first probe was not visible in MySQL within "
            + STARTUP_TIMEOUT + ": reader or writer did not start");
      }
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
      boolean caughtUp = awaitVisible(watcher, last, config.drainTimeout());
      Instant drainEnd = Instant.now();
      List<Verification> check = caughtUp
          ? List.of(StateVerifier.verify(shard, workload.expected())) : List.of();
      if (!caughtUp) {
        log.printf("lag, %s windows: NOT CAUGHT UP - probe %d not visible %s after the workload"
            + " (highest visible: %d)%n", window, last, config.drainTimeout(),
            watcher.maxVisible());
      }
      return samples(new Probed(window, startup, workload, probes, watcher, warmUp, last),
          drainEnd, check);
    }
  }

  /** What one run observed. */
  private record Probed(Duration window, Duration startup, SteadyWorkload workload,
      ProbeWriter probes, VisibilityWatcher watcher, long warmUp, long last) {}

  /**
   * The lags of every probe but the warm-up and drain probes. A probe not visible when the drain
   * ended counts with its lag at that moment (a lower bound), as does its reader part when its
   * file had not appeared.
   */
  private static LagRun samples(Probed run, Instant drainEnd, List<Verification> check) {
    List<Duration> total = new ArrayList<>();
    List<Duration> reader = new ArrayList<>();
    List<Duration> writer = new ArrayList<>();
    long notVisible = 0;
    for (Map.Entry<Long, Instant> probe : run.probes().commits().entrySet()) {
      long id = probe.getKey();
      if (id == run.warmUp() || id == run.last()) {
        continue;
      }
      Instant commit = probe.getValue();
      Instant visible = run.watcher().probesVisible().get(id);
      notVisible += visible == null ? 1 : 0;
      Instant seen = visible == null ? drainEnd : visible;
      total.add(Duration.between(commit, seen));
      Optional<Instant> ready = run.watcher().windowReady(commit);
      reader.add(Duration.between(commit, ready.orElse(drainEnd)));
      if (ready.isPresent()) {
        Duration writerPart = Duration.between(ready.get(), seen);
        writer.add(writerPart.isNegative() ? Duration.ZERO : writerPart);
      }
    }
    SteadyWorkload workload = run.workload();
    return new LagRun(run.window(), run.startup(), workload.achievedRate(), workload.changes(),
        workload.late(), LagStats.of(total), LagStats.of(reader), LagStats.of(writer), notVisible,
        check);
  }

  /** Reads the shard's {@code created_upto} of run {@code runId}; failures read as "none yet". */
  private static Supplier<Optional<Instant>> createdUpto(DatabaseClient metadata, String runId) {
    FileCreateProgressDao dao =
        new FileCreateProgressDao(metadata, MetadataTables.withoutSuffix());
    return () -> {
      try {
        return dao.createdUpto(runId, SHARD).map(LagBench::instant);
      } catch (RuntimeException e) {
        // The reader creates the table at start; until then, and on a busy emulator, no value.
        return Optional.empty();
      }
    };
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  /** Waits until {@code probe} is visible in MySQL; false when {@code timeout} passed first. */
  private static boolean awaitVisible(VisibilityWatcher watcher, long probe, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (watcher.maxVisible() < probe) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(VisibilityWatcher.POLL_MILLIS);
    }
    return true;
  }
}
