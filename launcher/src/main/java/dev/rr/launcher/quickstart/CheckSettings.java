package dev.rr.launcher.quickstart;

import dev.rr.common.config.WriterConfig.SourceType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code rr check} runs.
 *
 * @param workDir working directory, wiped at start (per-seed buffers and inputs, MariaDB data,
 *     post-mortems)
 * @param seeds how many seeds run, one after the other
 * @param firstSeed the first seed; the others follow it (firstSeed + 1, ...)
 * @param duration how long each seed writes
 * @param shards number of shards (1-3)
 * @param faults whether each seed stops and resumes the reader or the writer mid-run
 * @param emulatorHost a running emulator to use instead of starting one
 * @param mysql a running MySQL server to use instead of starting a private MariaDB
 * @param cutoverTimeout how long each seed's cutover may wait for the shards
 * @param schema the sample for every seed, or each seed's random schema
 * @param session an operator's session file whose schema every seed replicates instead
 * @param shardMoves whether some transactions move a row and its children to another shard
 * @param target the shards' database: MySQL, or private PostgreSQL shards
 */
public record CheckSettings(
    Path workDir,
    int seeds,
    long firstSeed,
    Duration duration,
    int shards,
    boolean faults,
    Optional<String> emulatorHost,
    Optional<QuickstartSettings.MySqlEndpoint> mysql,
    Duration cutoverTimeout,
    CheckSchema schema,
    Optional<OperatorSession> session,
    boolean shardMoves,
    SourceType target) {
  /** Window width of the checked runs. */
  static final Duration WINDOW = Duration.ofSeconds(2);

  public CheckSettings {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(emulatorHost, "emulatorHost");
    Objects.requireNonNull(mysql, "mysql");
    Objects.requireNonNull(cutoverTimeout, "cutoverTimeout");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(target, "target");
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be at least 1 but was " + seeds);
    }
    if (shards < 1 || shards > 3) {
      throw new IllegalArgumentException("shards must be 1, 2 or 3 but was " + shards);
    }
    if (session.isPresent() && schema == CheckSchema.RANDOM) {
      throw new IllegalArgumentException("--session and --schema random exclude each other");
    }
    if (target == SourceType.POSTGRESQL && mysql.isPresent()) {
      throw new IllegalArgumentException("--mysqlHost applies to --target mysql only: --target"
          + " postgresql starts private PostgreSQL shards");
    }
    if (session.isPresent() && target == SourceType.POSTGRESQL) {
      throw new IllegalArgumentException("--session applies to --target mysql only: its source"
          + " types are MySQL's; --target postgresql checks the sample or --schema random");
    }
    if (session.isPresent() && !session.get().sharded() && shards != 1) {
      throw new IllegalArgumentException("session file " + session.get().file()
          + " has no shard id column: --shards must be 1 but was " + shards);
    }
  }

  /** Settings for MySQL shards. */
  public CheckSettings(Path workDir, int seeds, long firstSeed, Duration duration, int shards,
      boolean faults, Optional<String> emulatorHost,
      Optional<QuickstartSettings.MySqlEndpoint> mysql, Duration cutoverTimeout,
      CheckSchema schema, Optional<OperatorSession> session, boolean shardMoves) {
    this(workDir, seeds, firstSeed, duration, shards, faults, emulatorHost, mysql, cutoverTimeout,
        schema, session, shardMoves, SourceType.MYSQL);
  }

  /** The quickstart settings that start the same local services. */
  QuickstartSettings services() {
    return new QuickstartSettings(workDir, duration, WINDOW, shards, 1, firstSeed, emulatorHost,
        mysql, cutoverTimeout, target);
  }
}
