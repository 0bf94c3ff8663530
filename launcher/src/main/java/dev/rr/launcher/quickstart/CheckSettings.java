package dev.rr.launcher.quickstart;

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
    boolean shardMoves) {
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
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be at least 1 but was " + seeds);
    }
    if (shards < 1 || shards > 3) {
      throw new IllegalArgumentException("shards must be 1, 2 or 3 but was " + shards);
    }
    if (session.isPresent() && schema == CheckSchema.RANDOM) {
      throw new IllegalArgumentException("--session and --schema random exclude each other");
    }
    if (session.isPresent() && !session.get().sharded() && shards != 1) {
      throw new IllegalArgumentException("session file " + session.get().file()
          + " has no shard id column: --shards must be 1 but was " + shards);
    }
  }

  /** The quickstart settings that start the same local services. */
  QuickstartSettings services() {
    return new QuickstartSettings(workDir, duration, WINDOW, shards, 1, firstSeed, emulatorHost,
        mysql, cutoverTimeout);
  }
}
