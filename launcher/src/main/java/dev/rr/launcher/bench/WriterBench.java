package dev.rr.launcher.bench;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.Shard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Writer apply benchmark, one shard: the same pre-generated window files applied by the writer
 * ("ours"), loaded as final rows ("ceiling") and applied one autocommit statement per record
 * ("naive"), each into a fresh database and each checked against the expected rows.
 */
public final class WriterBench {
  private static final String SHARD = WorkloadSpec.shardId(0);

  /**
   * @param records change records in the workload
   * @param warmupRecords change records of the warm-up workload each run applies first, unmeasured
   * @param seed workload seed
   * @param window window duration of the buffer files
   * @param transactionsPerSecond commit rate of the history (with {@code window}: records per file)
   * @param workDir directory for the buffer files (a {@code writer} subdirectory is replaced)
   * @param server the server to write to (MySQL or PostgreSQL)
   */
  public record Config(
      long records, long warmupRecords, long seed, Duration window, int transactionsPerSecond,
      Path workDir, BenchServer server) {}

  /**
   * The three measurements, the kind of shard they ran on and the workload they share; {@code
   * ours} is empty until wired.
   */
  public record Result(
      SourceType target,
      GeneratedWorkload workload,
      Optional<Measurement> ours,
      Measurement ceiling,
      Measurement naive) {

    /** ours / ceiling in records per second; NaN while "ours" is pending. */
    public double ratioCeiling() {
      return ours.map(m -> m.recordsPerSecond() / ceiling.recordsPerSecond()).orElse(Double.NaN);
    }

    /** ours / naive in records per second; NaN while "ours" is pending. */
    public double ratioNaive() {
      return ours.map(m -> m.recordsPerSecond() / naive.recordsPerSecond()).orElse(Double.NaN);
    }

    /** True when every measured run left exactly the expected rows. */
    public boolean verified() {
      return ceiling.verified() && naive.verified() && ours.map(Measurement::verified).orElse(true);
    }

    /** The report: a table, the ratios, then the JSON line. */
    public void print(PrintWriter out) {
      out.println("writer apply, 1 " + databaseName() + " shard: " + workload.describe());
      TextTable table =
          new TextTable("run", "records", "seconds", "records/s", "rows", "rows/s", "MB/s",
              "verified");
      ours.ifPresentOrElse(
          m -> row(table, m),
          () -> table.row("ours", "-", "-", "pending", "-", "-", "-", "-"));
      row(table, ceiling);
      row(table, naive);
      table.print(out);
      out.printf(
          "ours/ceiling %s (target >= 0.6), ours/naive %s (target >= 10);"
              + " ceiling records/s = shard records / time to load its %,d final rows%n",
          ours.isPresent() ? TextTable.decimal(ratioCeiling()) : "pending",
          ours.isPresent() ? TextTable.decimal(ratioNaive()) : "pending",
          ceiling.rows());
      for (Measurement m : measurements()) {
        m.verifications().stream().filter(v -> !v.ok())
            .forEach(v -> out.println("VERIFY FAILED " + m.name() + ": " + v.describe()));
      }
      json().print(out);
    }

    /** The JSON line. */
    public JsonLine json() {
      JsonLine json = new JsonLine("writer").put("target", target.optionName());
      ours.ifPresentOrElse(
          m -> json.put("ours_rps", m.recordsPerSecond()).put("ours_mbps", m.megabytesPerSecond()),
          () -> json.putNull("ours_rps").putNull("ours_mbps"));
      return json.put("ceiling_rps", ceiling.recordsPerSecond())
          .put("ceiling_rows_per_s", ceiling.rowsPerSecond())
          .put("ceiling_mbps", ceiling.megabytesPerSecond())
          .put("naive_rps", naive.recordsPerSecond())
          .put("naive_mbps", naive.megabytesPerSecond())
          .put("ratio_ceiling", ratioCeiling())
          .put("ratio_naive", ratioNaive())
          .put("records", workload.records())
          .put("final_rows", ceiling.rows())
          .put("verified", verified());
    }

    private String databaseName() {
      return target == SourceType.POSTGRESQL ? "PostgreSQL" : "MySQL";
    }

    private List<Measurement> measurements() {
      return ours.isPresent() ? List.of(ours.get(), ceiling, naive) : List.of(ceiling, naive);
    }

    private static void row(TextTable table, Measurement m) {
      table.row(
          m.name(),
          TextTable.count(m.records()),
          TextTable.decimal(m.seconds()),
          TextTable.count(m.recordsPerSecond()),
          TextTable.count(m.rows()),
          TextTable.count(m.rowsPerSecond()),
          TextTable.decimal(m.megabytesPerSecond()),
          m.verified() ? "yes" : "NO");
    }
  }

  private WriterBench() {}

  /** Generates the workload and measures the three runs. */
  public static Result run(Config config, Optional<WriterPath> writer, PrintWriter log)
      throws Exception {
    WorkloadSpec spec = shaped(WorkloadSpec.of(config.records(), 1).withSeed(config.seed()),
        config);
    Path buffer = BenchFiles.freshDirectory(config.workDir().resolve("writer"));
    log.printf("generating %,d records into %s%n", config.records(), buffer);
    log.flush();
    GeneratedWorkload workload = WorkloadGenerator.generate(spec, buffer);
    if (config.warmupRecords() > 0) {
      warmUp(config, writer, log);
    }

    Optional<Measurement> ours = Optional.empty();
    if (writer.isPresent()) {
      Shard shard = config.server().freshShard(SHARD, "rrbench_ours");
      ours = Optional.of(timeWriter(writer.get(), workload, List.of(shard), "ours"));
      log.printf("ours: %,.0f records/s%n", ours.get().recordsPerSecond());
    }
    Shard ceilingShard = config.server().freshShard(SHARD, "rrbench_ceiling");
    Measurement ceiling = CeilingLoad.run(workload, ceilingShard, workload.bufferBytes());
    ceiling = ceiling.withVerifications(List.of(verify(workload, ceilingShard)));
    log.printf("ceiling: %,.0f rows/s%n", ceiling.rowsPerSecond());
    Shard naiveShard = config.server().freshShard(SHARD, "rrbench_naive");
    Measurement naive = NaiveApply.run(workload, naiveShard, workload.bufferBytes());
    naive = naive.withVerifications(List.of(verify(workload, naiveShard)));
    log.printf("naive: %,.0f records/s%n", naive.recordsPerSecond());
    log.flush();
    return new Result(config.server().target(), workload, ours, ceiling, naive);
  }

  /** {@code spec} with the configured window and commit rate. */
  private static WorkloadSpec shaped(WorkloadSpec spec, Config config) {
    return new WorkloadSpec(spec.records(), spec.shards(), spec.seed(), config.window(),
        config.transactionsPerSecond(), spec.start());
  }

  /**
   * Runs each contender once over a small workload of its own, unmeasured, so that the measured
   * runs see a warm JVM (JIT-compiled mapping and JDBC code), as a long-running writer does.
   */
  private static void warmUp(Config config, Optional<WriterPath> writer, PrintWriter log)
      throws Exception {
    WorkloadSpec spec = shaped(
        WorkloadSpec.of(config.warmupRecords(), 1).withSeed(config.seed() + 1), config);
    Path buffer = BenchFiles.freshDirectory(config.workDir().resolve("writer-warmup"));
    GeneratedWorkload workload = WorkloadGenerator.generate(spec, buffer);
    log.printf("warming up with %,d records%n", workload.records());
    log.flush();
    String database = "rrbench_warmup";
    if (writer.isPresent()) {
      timeWriter(writer.get(), workload,
          List.of(config.server().freshShard(SHARD, database)), "warm-up");
    }
    CeilingLoad.run(workload, config.server().freshShard(SHARD, database), 0);
    NaiveApply.run(workload, config.server().freshShard(SHARD, database), 0);
    config.server().dropDatabase(database);
  }

  /** Times {@code writer} over {@code shards} (fresh databases) and verifies each shard. */
  static Measurement timeWriter(
      WriterPath writer, GeneratedWorkload workload, List<Shard> shards, String name)
      throws Exception {
    WriterJob job = WriterJob.of("bench-" + System.currentTimeMillis(), workload, shards);
    long started = System.nanoTime();
    ParallelApply.run(writer, job, workload);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    List<Verification> checks = new java.util.ArrayList<>();
    for (Shard shard : shards) {
      checks.add(verify(workload, shard));
    }
    return new Measurement(name, workload.records(), workload.expected().rowCount(),
        workload.bufferBytes(), elapsed, checks);
  }

  private static Verification verify(GeneratedWorkload workload, Shard shard)
      throws java.sql.SQLException {
    return StateVerifier.verify(shard, workload.expected());
  }
}
