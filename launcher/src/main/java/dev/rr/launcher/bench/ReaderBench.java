package dev.rr.launcher.bench;

import com.google.cloud.spanner.DatabaseClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reader benchmark on the emulator: a bounded history of mixed transactions is read once by the
 * reader pipeline ("ours", DirectRunner) and by a plain loop of change-stream partition queries
 * ("raw"). Both must see every change; the reader's files must replay to the expected rows.
 */
public final class ReaderBench {
  private static final String SHARD = WorkloadSpec.shardId(0);

  /**
   * @param changes row changes in the history (at least)
   * @param seed workload seed
   * @param window window duration of the reader run
   * @param workDir scratch directory (a {@code reader} subdirectory is replaced)
   * @param emulatorHost the emulator
   */
  public record Config(
      long changes, long seed, Duration window, Path workDir, String emulatorHost) {}

  /**
   * The reader's runs.
   *
   * @param whole the run over the history, start to finish
   * @param fixed a run over the same span of a stream that saw no writes: what a run over that
   *     span costs without any data (pipeline start, partition queries and scheduling, progress
   *     and watermark steps, shutdown)
   * @param verification the check of the files of the run over the history
   */
  public record OursRun(Duration whole, Duration fixed, Verification verification) {}

  /**
   * @param history what was written
   * @param raw the raw loop's counts (the faster of a run before and after the reader)
   * @param rawElapsed the raw loop's time
   * @param ours the reader's runs, empty while pending
   */
  public record Result(
      SpannerHistory history,
      RawChangeStreamReader.Counts raw,
      Duration rawElapsed,
      Optional<OursRun> ours) {

    public double rawRecordsPerSecond() {
      return raw.mods() / seconds(rawElapsed);
    }

    /** Changes per second of the whole run. */
    public double oursRecordsPerSecond() {
      return ours.map(o -> history.changes() / seconds(o.whole())).orElse(Double.NaN);
    }

    /** Changes per second once the fixed cost of a run is taken out. */
    public double oursMarginalRecordsPerSecond() {
      return ours.map(o -> history.changes() / seconds(o.whole().minus(o.fixed())))
          .orElse(Double.NaN);
    }

    public boolean verified() {
      return raw.mods() == history.changes()
          && ours.map(o -> o.verification().ok()).orElse(true);
    }

    public void print(PrintWriter out) {
      out.printf("reader: %,d changes in %,d transactions on the emulator, %d partition(s)%n",
          history.changes(), history.transactions(), raw.partitions());
      TextTable table = new TextTable("run", "changes", "seconds", "changes/s", "verified");
      if (ours.isPresent()) {
        OursRun o = ours.get();
        String ok = o.verification().ok() ? "yes" : "NO";
        table.row("ours", TextTable.count(history.changes()), TextTable.decimal(seconds(o.whole())),
            TextTable.count(oursRecordsPerSecond()), ok);
        table.row("ours, idle stream", 0, TextTable.decimal(seconds(o.fixed())), "-", "-");
        table.row("ours, marginal", TextTable.count(history.changes()),
            TextTable.decimal(seconds(o.whole().minus(o.fixed()))),
            TextTable.count(oursMarginalRecordsPerSecond()), ok);
      } else {
        table.row("ours", "-", "-", "pending", "-");
      }
      table.row("raw", TextTable.count(raw.mods()), TextTable.decimal(seconds(rawElapsed)),
          TextTable.count(rawRecordsPerSecond()), raw.mods() == history.changes() ? "yes" : "NO");
      table.print(out);
      out.printf("ours/raw %s, marginal %s (target >= 0.5)%n",
          ours.isPresent() ? TextTable.decimal(oursRecordsPerSecond() / rawRecordsPerSecond())
              : "pending",
          ours.isPresent()
              ? TextTable.decimal(oursMarginalRecordsPerSecond() / rawRecordsPerSecond())
              : "pending");
      ours.map(OursRun::verification).filter(v -> !v.ok())
          .ifPresent(v -> out.println("VERIFY FAILED ours: " + v.describe()));
      json().print(out);
    }

    public JsonLine json() {
      return new JsonLine("reader")
          .put("ours_rps", oursRecordsPerSecond())
          .put("ours_marginal_rps", oursMarginalRecordsPerSecond())
          .put("ours_fixed_s", ours.map(o -> seconds(o.fixed())).orElse(Double.NaN))
          .put("raw_rps", rawRecordsPerSecond())
          .put("ratio", oursRecordsPerSecond() / rawRecordsPerSecond())
          .put("ratio_marginal", oursMarginalRecordsPerSecond() / rawRecordsPerSecond())
          .put("changes", history.changes())
          .put("partitions", raw.partitions())
          .put("verified", verified());
    }

    private static double seconds(Duration duration) {
      return Math.max(duration.toNanos(), 1) / 1e9;
    }
  }

  private ReaderBench() {}

  public static Result run(Config config, Optional<ReaderPath> reader, PrintWriter log)
      throws Exception {
    String suffix = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    String database = "bench_reader_" + suffix;
    String metadata = "bench_reader_meta_" + suffix;
    try (BenchSpanner spanner = BenchSpanner.connect(config.emulatorHost())) {
      DatabaseClient client =
          spanner.createDatabase(database, BenchSchema.spannerDdlWithIdleStream());
      spanner.createDatabase(metadata, List.of());
      try {
        log.printf("writing a history of %,d changes to %s%n", config.changes(), database);
        log.flush();
        SpannerHistory history =
            SpannerHistory.write(client, SHARD, config.changes(), config.seed(), log);
        RawChangeStreamReader raw = new RawChangeStreamReader(client, BenchSchema.CHANGE_STREAM);
        Timed<RawChangeStreamReader.Counts> first =
            Timed.of(() -> raw.read(history.start(), history.end()));
        log.printf("raw: %,d changes in %.2f s%n", first.value().mods(), first.seconds());
        log.flush();
        Optional<OursRun> ours = Optional.empty();
        if (reader.isPresent()) {
          ReaderJob job = new ReaderJob("bench-reader-" + suffix, config.emulatorHost(),
              spanner.project(), spanner.instance(), database, metadata,
              BenchSchema.CHANGE_STREAM, history.start(), history.end(), config.window(),
              config.workDir().resolve("reader").toString(), SHARD);
          ours = measureOurs(reader.get(), job, history, log);
        }
        Timed<RawChangeStreamReader.Counts> second =
            Timed.of(() -> raw.read(history.start(), history.end()));
        Timed<RawChangeStreamReader.Counts> best =
            second.elapsed().compareTo(first.elapsed()) < 0 ? second : first;
        return new Result(history, best.value(), best.elapsed(), ours);
      } finally {
        spanner.dropDatabase(database);
        spanner.dropDatabase(metadata);
      }
    }
  }

  /**
   * The reader over the history, then over the same span of the idle stream; empty while
   * pending.
   */
  private static Optional<OursRun> measureOurs(
      ReaderPath reader, ReaderJob job, SpannerHistory history, PrintWriter log)
      throws Exception {
    BenchFiles.freshDirectory(Path.of(job.bufferDir()));
    Timed<Void> whole;
    try {
      whole = Timed.of(() -> {
        reader.runBounded(job);
        return null;
      });
    } catch (UnsupportedOperationException e) {
      // The launcher's DirectRunner path says what it cannot start yet: "ours" is pending.
      log.println("ours: pending - " + e.getMessage());
      return Optional.empty();
    }
    Verification check = BufferVerifier.verify(job.bufferDir(), SHARD, history.expected());
    log.printf("ours: %,d changes in %.2f s%n", history.changes(), whole.seconds());
    log.flush();
    Path idleBuffer = BenchFiles.freshDirectory(Path.of(job.bufferDir() + "-idle"));
    ReaderJob idle = new ReaderJob(job.runId() + "-idle", job.emulatorHost(), job.project(),
        job.instance(), job.database(), job.metadataDatabase(), BenchSchema.IDLE_CHANGE_STREAM,
        job.start(), job.end(), job.window(), idleBuffer.toString(), job.shard());
    Timed<Void> fixed = Timed.of(() -> {
      reader.runBounded(idle);
      return null;
    });
    log.printf("ours over the same span of an idle stream: %.2f s%n", fixed.seconds());
    log.flush();
    return Optional.of(new OursRun(whole.elapsed(), fixed.elapsed(), check));
  }
}
