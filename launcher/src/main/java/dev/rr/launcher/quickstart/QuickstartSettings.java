package dev.rr.launcher.quickstart;

import dev.rr.common.config.WriterConfig.SourceType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the quickstart runs.
 *
 * @param workDir working directory, wiped at start (buffer, input files, MariaDB data)
 * @param duration how long the workload runs
 * @param windowDuration buffer window width
 * @param shards number of shards (1-3), each its own MySQL database
 * @param transactionsPerSecond workload pace
 * @param seed workload seed
 * @param emulatorHost a running emulator to use instead of starting one
 * @param mysql a running MySQL server to use instead of starting a private MariaDB
 * @param cutoverTimeout how long cutover may wait for the shards to catch up
 * @param target the kind of shard database: MySQL, or private PostgreSQL clusters
 */
public record QuickstartSettings(
    Path workDir,
    Duration duration,
    Duration windowDuration,
    int shards,
    int transactionsPerSecond,
    long seed,
    Optional<String> emulatorHost,
    Optional<MySqlEndpoint> mysql,
    Duration cutoverTimeout,
    SourceType target) {
  public QuickstartSettings {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(windowDuration, "windowDuration");
    Objects.requireNonNull(emulatorHost, "emulatorHost");
    Objects.requireNonNull(mysql, "mysql");
    Objects.requireNonNull(cutoverTimeout, "cutoverTimeout");
    Objects.requireNonNull(target, "target");
    if (target == SourceType.POSTGRESQL && mysql.isPresent()) {
      throw new IllegalArgumentException("--mysqlHost applies to --target mysql only: --target"
          + " postgresql starts private PostgreSQL shards");
    }
    if (shards < 1 || shards > 3) {
      throw new IllegalArgumentException("shards must be 1, 2 or 3 but was " + shards);
    }
    if (transactionsPerSecond < 1) {
      throw new IllegalArgumentException("rate must be at least 1 transaction per second");
    }
  }

  /** Settings for MySQL shards. */
  public QuickstartSettings(Path workDir, Duration duration, Duration windowDuration, int shards,
      int transactionsPerSecond, long seed, Optional<String> emulatorHost,
      Optional<MySqlEndpoint> mysql, Duration cutoverTimeout) {
    this(workDir, duration, windowDuration, shards, transactionsPerSecond, seed, emulatorHost,
        mysql, cutoverTimeout, SourceType.MYSQL);
  }

  /** A MySQL server given by the operator. */
  public record MySqlEndpoint(String host, int port, String user, String password) {
    public MySqlEndpoint {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
      return "jdbc:mysql://" + host + ":" + port + "/" + database;
    }
  }
}
