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
   * @param history what was written
   * @param raw the raw loop's counts and time (the faster of a run before and after the reader)
   * @param rawElapsed the raw loop's time
   * @param ours the reader's time, empty while pending
   * @param oursVerification the check of the reader's files, empty while pending
   */
  public record Result(
      SpannerHistory history,
      RawChangeStreamReader.Counts raw,
      Duration rawElapsed,
      Optional<Duration> ours,
      Optional<Verification> oursVerification) {

    public double rawRecordsPerSecond() {
      return raw.mods() / seconds(rawElapsed);
    }

    public double oursRecordsPerSecond() {
      return ours.map(d -> history.changes() / seconds(d)).orElse(Double.NaN);
    }

    public boolean verified() {
      return raw.mods() == history.changes()
          && oursVerification.map(Verification::ok).orElse(true);
    }

    public void print(PrintWriter out) {
      out.printf("reader: %,d changes in %,d transactions on the emulator, %d partition(s)%n",
          history.changes(), history.transactions(), raw.partitions());
      TextTable table = new TextTable("run", "changes", "seconds", "changes/s", "verified");
      if (ours.isPresent()) {
        table.row("ours", TextTable.count(history.changes()),
            TextTable.decimal(seconds(ours.get())), TextTable.count(oursRecordsPerSecond()),
            oursVerification.get().ok() ? "yes" : "NO");
      } else {
        table.row("ours", "-", "-", "pending", "-");
      }
      table.row("raw", TextTable.count(raw.mods()), TextTable.decimal(seconds(rawElapsed)),
          TextTable.count(rawRecordsPerSecond()), raw.mods() == history.changes() ? "yes" : "NO");
      table.print(out);
      out.printf("ours/raw %s (target >= 0.5)%n",
          ours.isPresent() ? TextTable.decimal(oursRecordsPerSecond() / rawRecordsPerSecond())
              : "pending");
      oursVerification.filter(v -> !v.ok())
          .ifPresent(v -> out.println("VERIFY FAILED ours: " + v.describe()));
      json().print(out);
    }

    public JsonLine json() {
      return new JsonLine("reader")
          .put("ours_rps", oursRecordsPerSecond())
          .put("raw_rps", rawRecordsPerSecond())
          .put("ratio", oursRecordsPerSecond() / rawRecordsPerSecond())
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
      DatabaseClient client = spanner.createDatabase(database, BenchSchema.spannerDdl());
      spanner.createDatabase(metadata, List.of());
      try {
        log.printf("writing a history of %,d changes to %s%n", config.changes(), database);
        log.flush();
        SpannerHistory history =
            SpannerHistory.write(client, SHARD, config.changes(), config.seed(), log);
        RawChangeStreamReader raw = new RawChangeStreamReader(client, BenchSchema.CHANGE_STREAM);
        Timed<RawChangeStreamReader.Counts> first = Timed.of(() -> raw.read(history.start(), history.end()));
        log.printf("raw: %,d changes in %.2f s%n", first.value().mods(), first.seconds());
        Optional<Duration> ours = Optional.empty();
        Optional<Verification> check = Optional.empty();
        if (reader.isPresent()) {
          Path buffer = BenchFiles.freshDirectory(config.workDir().resolve("reader"));
          ReaderJob job = new ReaderJob("bench-reader-" + suffix, config.emulatorHost(),
              spanner.project(), spanner.instance(), database, metadata,
              BenchSchema.CHANGE_STREAM, history.start(), history.end(), config.window(),
              buffer.toString(), SHARD);
          try {
            Timed<Void> run = Timed.of(() -> {
              reader.get().runBounded(job);
              return null;
            });
            ours = Optional.of(run.elapsed());
            check = Optional.of(
                BufferVerifier.verify(buffer.toString(), SHARD, history.expected()));
            log.printf("ours: %,d changes in %.2f s%n", history.changes(), run.seconds());
          } catch (UnsupportedOperationException e) {
            // The launcher's DirectRunner path says what it cannot start yet: "ours" is pending.
            log.println("ours: pending - " + e.getMessage());
          }
        }
        Timed<RawChangeStreamReader.Counts> second = Timed.of(() -> raw.read(history.start(), history.end()));
        Timed<RawChangeStreamReader.Counts> best = second.elapsed().compareTo(first.elapsed()) < 0
            ? second : first;
        log.flush();
        return new Result(history, best.value(), best.elapsed(), ours, check);
      } finally {
        spanner.dropDatabase(database);
        spanner.dropDatabase(metadata);
      }
    }
  }
}
