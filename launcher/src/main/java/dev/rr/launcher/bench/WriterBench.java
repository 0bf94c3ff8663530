package dev.rr.launcher.bench;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.Shard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writer apply benchmark, one shard: the same pre-generated window files applied by the writer
 * ("ours"), loaded as final rows ("ceiling") and applied one autocommit statement per record
 * ("naive"), each into a fresh database and each checked against the expected rows.
 *
 * <p>Ours and the ceiling run in alternating rounds and the report takes the median round of
 * each: on a machine whose disk or neighbours vary, one ceiling run alone swung by 2x. Each run
 * also reports the CPU time this JVM and the rest of the machine (the server, when local) spent
 * while it was measured, and the shortest time that CPU could take on this machine's cores.
 */
public final class WriterBench {
  private static final String SHARD = WorkloadSpec.shardId(0);
  /** Records of the naive contender's warm-up, at most. */
  private static final long NAIVE_WARMUP_RECORDS = 5_000;

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
      long records, long warmupRecords, int rounds, long seed, Duration window,
      int transactionsPerSecond, Path workDir, BenchServer server) {

    public Config {
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
      }
    }
  }

  /** One round: ours (empty until wired), then the ceiling. */
  public record Round(Optional<Measurement> ours, Measurement ceiling) {

    /** ours / ceiling in records per second in this round; NaN while "ours" is pending. */
    double ratioCeiling() {
      return ours.map(m -> m.recordsPerSecond() / ceiling.recordsPerSecond()).orElse(Double.NaN);
    }
  }

  /**
   * The three measurements (ours and the ceiling: the median of their rounds), the rounds, the
   * kind of shard they ran on and the workload they share; {@code ours} is empty until wired.
   */
  public record Result(
      SourceType target,
      GeneratedWorkload workload,
      List<Round> rounds,
      Measurement naive) {

    /** Ours' median round by records/s; empty while "ours" is pending. */
    public Optional<Measurement> ours() {
      List<Measurement> runs = rounds.stream().flatMap(r -> r.ours().stream()).toList();
      return runs.isEmpty() ? Optional.empty() : Optional.of(median(runs));
    }

    /** The ceiling's median round by records/s. */
    public Measurement ceiling() {
      return median(rounds.stream().map(Round::ceiling).toList());
    }

    /** True when every measured run left exactly the expected rows. */
    public boolean verified() {
      return naive.verified() && rounds.stream().allMatch(r -> r.ceiling().verified()
          && r.ours().map(Measurement::verified).orElse(true));
    }

    /** The report: a table, the ratios, then the JSON line. */
    public void print(PrintWriter out) {
      out.println("writer apply, 1 " + databaseName() + " shard: " + workload.describe());
      Optional<Measurement> ours = ours();
      TextTable table =
          new TextTable("run", "records", "seconds", "records/s", "rows", "rows/s", "MB/s",
              "JVM CPU-s", "other CPU-s", "CPU floor s", "verified");
      ours.ifPresentOrElse(
          m -> row(table, m),
          () -> table.row("ours", "-", "-", "pending", "-", "-", "-", "-", "-", "-", "-"));
      row(table, ceiling());
      row(table, naive);
      table.print(out);
      out.printf(
          "ours/ceiling %s (target >= 0.6), ours/naive %s (target >= 10);"
              + " ceiling records/s = shard records / time to load its %,d final rows%n",
          ours.isPresent() ? TextTable.decimal(ratioCeiling()) : "pending",
          ours.isPresent() ? TextTable.decimal(ratioNaive()) : "pending",
          ceiling().rows());
      out.printf("ours and ceiling: median of %d alternating rounds; per round, ours/ceiling %s%n",
          rounds.size(), rounds.stream().map(r -> TextTable.decimal(r.ratioCeiling())).toList());
      out.println("CPU-s: this JVM's and the rest of the machine's (the server's, when local) while"
          + " the run was measured; CPU floor: their sum over the machine's cores, the shortest"
          + " the run can take with that CPU");
      for (Measurement m : measurements()) {
        m.verifications().stream().filter(v -> !v.ok())
            .forEach(v -> out.println("VERIFY FAILED " + m.name() + ": " + v.describe()));
      }
      json().print(out);
    }

    /** The JSON line. */
    public JsonLine json() {
      JsonLine json = new JsonLine("writer").put("target", target.optionName());
      Measurement ceiling = ceiling();
      ours().ifPresentOrElse(
          m -> json.put("ours_rps", m.recordsPerSecond()).put("ours_mbps", m.megabytesPerSecond())
              .put("ours_jvm_cpu_s", m.cpu().jvmSeconds())
              .put("ours_other_cpu_s", m.cpu().otherSeconds()),
          () -> json.putNull("ours_rps").putNull("ours_mbps"));
      return json.put("ceiling_rps", ceiling.recordsPerSecond())
          .put("ceiling_jvm_cpu_s", ceiling.cpu().jvmSeconds())
          .put("ceiling_other_cpu_s", ceiling.cpu().otherSeconds())
          .put("rounds", rounds.size())
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

    /** ours / ceiling in records per second; NaN while "ours" is pending. */
    public double ratioCeiling() {
      return ours().map(m -> m.recordsPerSecond() / ceiling().recordsPerSecond())
          .orElse(Double.NaN);
    }

    /** ours / naive in records per second; NaN while "ours" is pending. */
    public double ratioNaive() {
      return ours().map(m -> m.recordsPerSecond() / naive.recordsPerSecond()).orElse(Double.NaN);
    }

    /** Every measured run. */
    private List<Measurement> measurements() {
      List<Measurement> all = new ArrayList<>();
      for (Round round : rounds) {
        round.ours().ifPresent(all::add);
        all.add(round.ceiling());
      }
      all.add(naive);
      return all;
    }

    /** The median run by records/s (of an even count, the slower middle one). */
    private static Measurement median(List<Measurement> runs) {
      List<Measurement> sorted = runs.stream()
          .sorted(Comparator.comparingDouble(Measurement::recordsPerSecond)).toList();
      return sorted.get((sorted.size() - 1) / 2);
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
          TextTable.decimal(m.cpu().jvmSeconds()),
          TextTable.decimal(m.cpu().otherSeconds()),
          TextTable.decimal(m.cpu().floorSeconds()),
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

    List<Round> rounds = new ArrayList<>();
    for (int round = 1; round <= config.rounds(); round++) {
      Optional<Measurement> ours = Optional.empty();
      if (writer.isPresent()) {
        Shard shard = config.server().freshShard(SHARD, "rrbench_ours");
        ours = Optional.of(timeWriter(writer.get(), workload, List.of(shard), "ours"));
        log.printf("round %d: ours: %,.0f records/s%n", round, ours.get().recordsPerSecond());
      }
      Shard ceilingShard = config.server().freshShard(SHARD, "rrbench_ceiling");
      Measurement ceiling = CeilingLoad.run(workload, ceilingShard, workload.bufferBytes());
      ceiling = ceiling.withVerifications(List.of(verify(workload, ceilingShard)));
      log.printf("round %d: ceiling: %,.0f rows/s%n", round, ceiling.rowsPerSecond());
      log.flush();
      rounds.add(new Round(ours, ceiling));
    }
    Shard naiveShard = config.server().freshShard(SHARD, "rrbench_naive");
    Measurement naive = NaiveApply.run(workload, naiveShard, workload.bufferBytes());
    naive = naive.withVerifications(List.of(verify(workload, naiveShard)));
    log.printf("naive: %,.0f records/s%n", naive.recordsPerSecond());
    log.flush();
    return new Result(config.server().target(), workload, rounds, naive);
  }

  /** {@code spec} with the configured window and commit rate. */
  private static WorkloadSpec shaped(WorkloadSpec spec, Config config) {
    return new WorkloadSpec(spec.records(), spec.shards(), spec.seed(), config.window(),
        config.transactionsPerSecond(), spec.start());
  }

  /**
   * Runs each contender once over a workload of its own, unmeasured, so that the measured runs see
   * a warm JVM (JIT-compiled decoding, mapping and JDBC code), as a long-running writer does. The
   * naive contender warms up on at most {@value #NAIVE_WARMUP_RECORDS} records.
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
    // Naive's time is its commits, not its code: a short warm-up does (the long one took minutes).
    GeneratedWorkload naiveWorkload = workload;
    if (config.warmupRecords() > NAIVE_WARMUP_RECORDS) {
      WorkloadSpec naiveSpec = shaped(
          WorkloadSpec.of(NAIVE_WARMUP_RECORDS, 1).withSeed(config.seed() + 1), config);
      naiveWorkload = WorkloadGenerator.generate(naiveSpec,
          BenchFiles.freshDirectory(config.workDir().resolve("writer-warmup-naive")));
    }
    NaiveApply.run(naiveWorkload, config.server().freshShard(SHARD, database), 0);
    config.server().dropDatabase(database);
  }

  /** Times {@code writer} over {@code shards} (fresh databases) and verifies each shard. */
  static Measurement timeWriter(
      WriterPath writer, GeneratedWorkload workload, List<Shard> shards, String name)
      throws Exception {
    WriterJob job = WriterJob.of("bench-" + System.currentTimeMillis(), workload, shards);
    CpuMeter cpu = CpuMeter.start();
    ParallelApply.run(writer, job, workload);
    CpuUse used = cpu.stop();
    List<Verification> checks = new ArrayList<>();
    for (Shard shard : shards) {
      checks.add(verify(workload, shard));
    }
    return new Measurement(name, workload.records(), workload.expected().rowCount(),
        workload.bufferBytes(), cpu.elapsed(), checks, used);
  }

  private static Verification verify(GeneratedWorkload workload, Shard shard)
      throws java.sql.SQLException {
    return StateVerifier.verify(shard, workload.expected());
  }
}
