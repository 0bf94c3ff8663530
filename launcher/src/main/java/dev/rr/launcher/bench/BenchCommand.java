package dev.rr.launcher.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rr bench}: the benchmarks, each printing a table and one JSON line. Exit code 0 when
 * every figure was measured and every final state verified, 1 otherwise (a wrong state, or a
 * benchmark whose code under test is not in this build).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks on local services: writer apply rate against the server's ceiling and a"
            + " naive replicator, shard scaling, reader rate, and end-to-end lag. Each prints a"
            + " table and one JSON line (grep '^{'); every run checks the final state. Private"
            + " MariaDB servers and a Spanner emulator are started unless given. See"
            + " docs/performance.md.",
    subcommands = {
      BenchCommand.Writer.class,
      BenchCommand.Scaling.class,
      BenchCommand.Reader.class,
      BenchCommand.Lag.class,
      BenchCommand.Listing.class,
      BenchCommand.All.class,
      CommandLine.HelpCommand.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing benchmark: writer|scaling|reader|lag|listing|all");
  }

  /** What one benchmark command does inside its environment. */
  @FunctionalInterface
  private interface Body {
    BenchRunner.Outcome run(BenchRunner runner) throws Exception;
  }

  private static int execute(CommandSpec spec, BenchOptions options, Body body) throws Exception {
    return execute(spec, options, false, body);
  }

  /**
   * Runs {@code body}, after refusing a {@code --target} the benchmark does not support.
   *
   * @param supportsPostgres whether the benchmark runs against PostgreSQL shards
   */
  private static int execute(
      CommandSpec spec, BenchOptions options, boolean supportsPostgres, Body body)
      throws Exception {
    String unsupported = options.unsupportedTarget(spec.name(), supportsPostgres);
    if (unsupported != null) {
      throw new ParameterException(spec.commandLine(), unsupported);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (BenchEnvironment environment = options.environment(out)) {
      BenchRunner.Outcome outcome = body.run(new BenchRunner(options, environment, out));
      out.flush();
      return outcome == BenchRunner.Outcome.OK ? 0 : 1;
    }
  }

  @Command(name = "writer", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Writer apply rate, 1 shard: ours vs the ceiling (final rows as 1,000-row"
          + " upserts) and naive (one autocommit statement per record), on MySQL or, with"
          + " --target postgresql, on a private PostgreSQL cluster.")
  static final class Writer implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchSizes.Writer sizes;
    @Mixin BenchOptions options;

    @Override
    public Integer call() throws Exception {
      return execute(spec, options, true, runner -> runner.writer(sizes));
    }
  }

  @Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Writer over 1, 4, 16, 32 shards at once (databases on 2 servers): total and"
          + " per-shard records/s, peak heap.")
  static final class Scaling implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchSizes.Scaling sizes;
    @Mixin BenchOptions options;

    @Override
    public Integer call() throws Exception {
      return execute(spec, options, runner -> runner.scaling(sizes));
    }
  }

  @Command(name = "reader", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Reader rate on the emulator vs a raw loop of change-stream partition"
          + " queries over the same bounded history.")
  static final class Reader implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchSizes.Reader sizes;
    @Mixin BenchOptions options;

    @Override
    public Integer call() throws Exception {
      return execute(spec, options, runner -> runner.reader(sizes));
    }
  }

  @Command(name = "lag", mixinStandardHelpOptions = true, sortOptions = false,
      description = "End-to-end lag under a steady workload, split into reader and writer parts,"
          + " for each window duration.")
  static final class Lag implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchSizes.Lag sizes;
    @Mixin BenchOptions options;

    @Override
    public Integer call() throws Exception {
      return execute(spec, options, runner -> runner.lag(sizes));
    }
  }

  @Command(name = "listing", mixinStandardHelpOptions = true, sortOptions = false,
      description = "What one writer poll of a caught-up shard costs with 1,000 / 10,000 /"
          + " 100,000 window files behind it: the old whole-directory listing against the"
          + " shard's window index, on a local directory. Needs no database or emulator.")
  static final class Listing implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--files", split = ",", defaultValue = "1000,10000,100000",
        description = "Window files behind the shard, one measurement each"
            + " (default: ${DEFAULT-VALUE}).")
    List<Integer> files;

    @Option(names = "--polls", defaultValue = "50",
        description = "Polls measured per size, one new final window each"
            + " (default: ${DEFAULT-VALUE}).")
    int polls;

    @Option(names = "--workDir", defaultValue = "rr-work/bench",
        description = "Scratch directory (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<ListingBench.Point> points = ListingBench.run(workDir, files, polls, out);
      return points.stream().allMatch(ListingBench.Point::samePlans) ? 0 : 1;
    }
  }

  @Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
      description = "writer, scaling, reader and lag, one after the other, in one environment.")
  static final class All implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchSizes.Writer writer;
    @Mixin BenchSizes.Scaling scaling;
    @Mixin BenchSizes.Reader reader;
    @Mixin BenchSizes.Lag lag;
    @Mixin BenchOptions options;

    @Override
    public Integer call() throws Exception {
      return execute(spec, options, runner -> runner.writer(writer)
          .and(runner.scaling(scaling))
          .and(runner.reader(reader))
          .and(runner.lag(lag)));
    }
  }
}
