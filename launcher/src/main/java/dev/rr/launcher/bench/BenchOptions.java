package dev.rr.launcher.bench;

import dev.rr.common.config.ConfigException;
import dev.rr.common.config.WriterConfig.SourceType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where the benchmarks run: services and scratch directory; a picocli mixin of every bench command. */
final class BenchOptions {
  @Option(names = "--mysqlServer", paramLabel = "HOST:PORT",
      description = "A MySQL server to use (repeat for two); default: start private MariaDB"
          + " servers.")
  List<String> mysqlServers = new ArrayList<>();

  @Option(names = "--mysqlUser", defaultValue = "rr",
      description = "User on --mysqlServer, allowed to create databases (default: ${DEFAULT-VALUE}).")
  String mysqlUser;

  @Option(names = "--mysqlPassword", defaultValue = "rr",
      description = "Password of --mysqlUser (default: ${DEFAULT-VALUE}).")
  String mysqlPassword;

  @Option(names = "--target", defaultValue = "mysql", converter = TargetConverter.class,
      description = "The shard database: mysql, or postgresql (a private PostgreSQL cluster;"
          + " 'rr bench writer' only) (default: ${DEFAULT-VALUE}).")
  SourceType target;

  @Option(names = "--emulatorHost", paramLabel = "HOST:PORT",
      description = "A running Spanner emulator to use; default: start a private one.")
  String emulatorHost;

  @Option(names = "--workDir", defaultValue = "rr-work/bench",
      description = "Scratch directory for buffer files (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--seed", defaultValue = "42",
      description = "Workload seed (default: ${DEFAULT-VALUE}).")
  long seed;

  /**
   * Null when {@code bench} runs against {@link #target}; else why not, for the command line.
   *
   * @param supportsPostgres whether the benchmark can run against PostgreSQL shards
   */
  String unsupportedTarget(String bench, boolean supportsPostgres) {
    if (target == SourceType.POSTGRESQL && !supportsPostgres) {
      return "--target postgresql is supported by 'rr bench writer' only; 'rr bench " + bench
          + "' runs against MySQL shards (docs/performance.md)";
    }
    if (target == SourceType.POSTGRESQL && !mysqlServers.isEmpty()) {
      return "--mysqlServer cannot be combined with --target postgresql: the benchmark starts a"
          + " private PostgreSQL cluster";
    }
    return null;
  }

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
    return new BenchEnvironment(servers, Optional.ofNullable(emulatorHost), log);
  }

  /** {@code mysql} or {@code postgresql}, through {@link SourceType#parse}. */
  static final class TargetConverter implements ITypeConverter<SourceType> {
    @Override
    public SourceType convert(String value) {
      try {
        return SourceType.parse(value);
      } catch (ConfigException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
