package dev.rr.launcher.cli;

import dev.rr.common.config.WriterConfig;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.quickstart.Quickstart;
import dev.rr.launcher.quickstart.QuickstartSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rr quickstart}: the whole path on local services, ending with cutover and verify. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Run the whole path locally on embedded services, then cut over and verify.",
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    description =
        "Starts a Spanner emulator and a private MariaDB (or uses given ones; with --target "
            + "postgresql, a private PostgreSQL cluster instead), creates a sharded "
            + "sample (interleaved parent/child tables and accounts, session file, 3 shards), runs the "
            + "reader and writer on the DirectRunner, drives a mixed workload with a live progress "
            + "line, then runs cutover and verify and prints the result. Leaves nothing running.")
public final class QuickstartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--workDir", defaultValue = "rr-work/quickstart",
      description = "Working directory, wiped at start (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long the workload runs (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--windowDuration", defaultValue = "2s", converter = DurationConverter.class,
      description = "Buffer window width (default: ${DEFAULT-VALUE}).")
  Duration windowDuration;

  @Option(names = "--shards", defaultValue = "3", description = "Number of shards, 1-3 (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--rate", defaultValue = "5", description = "Workload transactions per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seed", defaultValue = "42", description = "Workload random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--cutoverTimeout", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long cutover may wait for the shards (default: ${DEFAULT-VALUE}).")
  Duration cutoverTimeout;

  @Option(names = "--target", defaultValue = "mysql", converter = NamedOptionConverter.Source.class,
      description = "The shards' database: mysql (a private MariaDB, or --mysqlHost) or postgresql"
          + " (a private PostgreSQL cluster) (default: ${DEFAULT-VALUE}).")
  WriterConfig.SourceType target;

  @Mixin LocalServicesOptions services;

  @Option(names = "--keep", description = "After the result, keep the services and pipelines running and print"
      + " ready-to-run rr status, rr cutover and rr verify commands for them; Ctrl-C stops everything.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    QuickstartSettings settings;
    try {
      settings = new QuickstartSettings(workDir, duration, windowDuration, shards, rate, seed,
          services.emulatorHost(), services.mysql(), cutoverTimeout, target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    Quickstart.Result result = new Quickstart(settings, DirectPipelines.reader(),
        DirectPipelines.writer(), out,
        keep ? commands -> keepRunning(out, commands, target) : Quickstart.Hold.NONE).run();
    return result.passed() ? ExitCode.OK : ExitCode.FAILURE;
  }

  /** Prints the commands for the kept run, then blocks until Ctrl-C (shutdown hooks stop all). */
  private static void keepRunning(PrintWriter out, List<String> commands,
      WriterConfig.SourceType target) throws InterruptedException {
    out.println("--keep: the emulator, "
        + (target == WriterConfig.SourceType.POSTGRESQL ? "PostgreSQL" : "MariaDB")
        + " and both pipelines keep running; Ctrl-C stops them."
        + " From another terminal, in this directory:");
    for (String command : commands) {
      out.printf("  ./%s%n", command);
    }
    out.flush();
    new CountDownLatch(1).await();
  }
}
