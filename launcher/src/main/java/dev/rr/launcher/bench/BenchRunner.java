package dev.rr.launcher.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each benchmark with the command line's options in one environment and says how it went.
 * A benchmark whose code under test is not in this build prints that it is pending (and a JSON
 * line with {@code "pending"}) instead of a figure.
 */
final class BenchRunner {

  /** How a benchmark ended. */
  enum Outcome {
    /** Figures printed, final state verified. */
    OK,
    /** Not run: the code under test is not in this build. */
    PENDING,
    /** Figures printed, but a final state was wrong. */
    WRONG_STATE;

    /** The worse of the two. */
    Outcome and(Outcome other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  private final BenchOptions options;
  private final BenchEnvironment environment;
  private final PrintWriter out;

  BenchRunner(BenchOptions options, BenchEnvironment environment, PrintWriter out) {
    this.options = options;
    this.environment = environment;
    this.out = out;
  }

  Outcome writer(BenchSizes.Writer sizes) throws Exception {
    WriterBench.Config config = new WriterBench.Config(
        sizes.records, sizes.warmupRecords, sizes.rounds, options.seed, sizes.window,
        sizes.transactionsPerSecond, options.workDir, environment.server(options.target));
    WriterBench.Result result =
        WriterBench.run(config, WriterPath.production(sizes.batchSize), out);
    result.print(out);
    Outcome outcome = result.verified() ? Outcome.OK : Outcome.WRONG_STATE;
    return result.ours().isPresent() ? outcome : outcome.and(Outcome.PENDING);
  }

  Outcome scaling(BenchSizes.Scaling sizes) throws Exception {
    Optional<WriterPath> writer = WriterPath.production();
    if (writer.isEmpty()) {
      return pending("scaling", "the writer's shard applier is not in this build");
    }
    ScalingBench.Config config = new ScalingBench.Config(sizes.shardCounts,
        sizes.recordsPerShard, options.seed, options.workDir, environment.mysqlServers(2));
    ScalingBench.Result result = ScalingBench.run(config, writer.get(), out);
    result.print(out);
    return result.verified() ? Outcome.OK : Outcome.WRONG_STATE;
  }

  Outcome reader(BenchSizes.Reader sizes) throws Exception {
    ReaderBench.Config config = new ReaderBench.Config(
        sizes.changes, options.seed, sizes.window, options.workDir, environment.emulatorHost());
    ReaderBench.Result result = ReaderBench.run(config, ReaderPath.production(), out);
    result.print(out);
    Outcome outcome = result.verified() ? Outcome.OK : Outcome.WRONG_STATE;
    return result.ours().isPresent() ? outcome : outcome.and(Outcome.PENDING);
  }

  Outcome lag(BenchSizes.Lag sizes) throws Exception {
    Map<String, String> writerOptions =
        Map.of("pollInterval", sizes.writerPollInterval.toMillis() + "ms");
    Map<String, String> readerOptions = Map.of("lowLatency", String.valueOf(sizes.readerLowLatency));
    Optional<ReplicationPath> replication = ReplicationPath.production(readerOptions, writerOptions);
    if (replication.isEmpty()) {
      return pending("lag", "the reader and writer pipelines are not in this build");
    }
    LagBench.Config config = new LagBench.Config(sizes.rate, sizes.duration,
        List.copyOf(sizes.windows), sizes.probeRate, sizes.senders, options.seed,
        sizes.drainTimeout, options.workDir, environment.emulatorHost(), environment.mysqlServers(1).get(0));
    LagBench.Result result;
    try {
      result = LagBench.run(config, replication.get(), out);
    } catch (UnsupportedOperationException e) {
      // The launcher's DirectRunner path says what it cannot start yet.
      return pending("lag", e.getMessage());
    }
    result.print(out);
    return result.verified() ? Outcome.OK : Outcome.WRONG_STATE;
  }

  private Outcome pending(String bench, String reason) {
    out.println(bench + ": pending - " + reason);
    new JsonLine(bench).put("pending", reason).print(out);
    return Outcome.PENDING;
  }
}
