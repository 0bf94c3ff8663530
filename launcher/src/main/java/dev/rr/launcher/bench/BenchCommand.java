package dev.rr.launcher.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rr bench}: the benchmarks, each printing a table and one JSON line. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks on local services: writer apply rate against the server's ceiling and a naive",
      "replicator, shard scaling, reader rate, and end-to-end lag. Each prints a table and one",
      "JSON line (grep '^{'); every run checks the final MySQL state. See docs/performance.md."
    },
    subcommands = {BenchCommand.Writer.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing benchmark: writer|scaling|reader|lag|all");
  }

  /** Where the benchmarks run: MySQL servers and scratch directory. */
  static final class Services {
    @Option(names = "--mysqlServer", paramLabel = "HOST:PORT",
        description = "A MySQL server to use (repeat for two); default: start private MariaDB servers.")
    List<String> mysqlServers = new ArrayList<>();

    @Option(names = "--mysqlUser", defaultValue = "rr",
        description = "User on --mysqlServer, allowed to create databases (default: ${DEFAULT-VALUE}).")
    String mysqlUser;

    @Option(names = "--mysqlPassword", defaultValue = "rr",
        description = "Password of --mysqlUser (default: ${DEFAULT-VALUE}).")
    String mysqlPassword;

    @Option(names = "--workDir", defaultValue = "rr-work/bench",
        description = "Scratch directory for buffer files (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--emulatorHost", paramLabel = "HOST:PORT",
        description = "A running Spanner emulator to use; default: start a private one.")
    String emulatorHost;

    BenchEnvironment environment(PrintWriter log) {
      List<BenchServer> servers = new ArrayList<>();
      for (String server : mysqlServers) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("--mysqlServer " + server + " is not HOST:PORT");
        }
        servers.add(new BenchServer(server.substring(0, colon),
            Integer.parseInt(server.substring(colon + 1)), mysqlUser, mysqlPassword));
      }
      return new BenchEnvironment(servers, java.util.Optional.ofNullable(emulatorHost), log);
    }
  }

  /** {@code rr bench writer}. */
  @Command(name = "writer", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Writer apply rate, 1 shard: ours vs the ceiling (1,000-row upserts) and naive"
          + " (autocommit per record).")
  static final class Writer implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Services services;

    @Option(names = "--records", defaultValue = "50000",
        description = "Change records in the workload (default: ${DEFAULT-VALUE}).")
    long records;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (BenchEnvironment environment = services.environment(out)) {
        WriterBench.Config config = new WriterBench.Config(
            records, services.seed, services.workDir, environment.mysqlServers(1).get(0));
        WriterBench.Result result = WriterBench.run(config, WriterPath.production(), out);
        result.print(out);
        return result.verified() ? 0 : 1;
      }
    }
  }
}
