package dev.rr.launcher.launch;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.writer.snapshot.beam.SnapshotRun;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.runners.direct.DirectRunner;

/**
 * {@code rr launch --initialSnapshot}: before the writer starts, every shard is loaded with
 * Spanner's rows at T = the run's {@code startTimestamp} and its checkpoint set to T.
 *
 * @param chunkRows rows per chunk, about
 * @param rowsPerSecond load rate assumed for the version-retention check
 * @param maxDuration the operator's bound on the load time, used instead of the estimate
 */
public record InitialSnapshot(int chunkRows, double rowsPerSecond, Optional<Duration> maxDuration) {

  /** What in {@code config} an initial snapshot cannot work with; empty when all is well. */
  public static List<String> problems(LaunchConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.run().runner() != Runner.DIRECT) {
      problems.add("--initialSnapshot runs with --runner direct only (no Dataflow template loads"
          + " a snapshot yet); for a run on Dataflow, launch it without --initialSnapshot, then"
          + " bring each shard to Spanner's rows with rr resync --shard S (it loads from this"
          + " process while the Dataflow jobs run)");
    }
    if (config.run().jobs() != Jobs.BOTH) {
      problems.add("--initialSnapshot needs --jobs both: the writer starts after the snapshot");
    }
    if (config.run().writerRunMode() != WriterRunMode.REGULAR) {
      problems.add("--initialSnapshot starts a run: --writerRunMode must be regular");
    }
    if (config.replication().startTimestamp().isEmpty()) {
      problems.add("--initialSnapshot needs the run's startTimestamp (T)");
    }
    return problems;
  }

  /**
   * Counts the rows at T and checks that the load fits the database's version retention.
   *
   * @throws LaunchRefusedException with the retention and the estimate when it does not
   */
  public SnapshotRun prepare(Spanner spanner, LaunchConfig config, PrintWriter out)
      throws SQLException {
    Timestamp at = config.replication().startTimestamp().orElseThrow();
    SnapshotRun run = SnapshotLaunch.prepare(spanner, config, at, chunkRows, out);
    DatabaseClient client = spanner.getDatabaseClient(SpannerClients.databaseId(config.source()));
    Duration retention = VersionRetention.read(client);
    Timestamp now = SpannerTime.now(client);
    Duration sinceT = Duration.between(instant(at), instant(now));
    Duration needed =
        VersionRetention.needed(run.estimatedRows(), rowsPerSecond, maxDuration, sinceT);
    String basis = maxDuration.map(d -> "--snapshotMaxDuration " + VersionRetention.human(d))
        .orElse(run.estimatedRows() + " rows at " + (long) rowsPerSecond + " rows/s")
        + (sinceT.isNegative() || sinceT.isZero() ? "" : ", T is " + VersionRetention.human(sinceT) + " old already");
    Optional<String> refusal = VersionRetention.refusal(retention, needed, basis);
    if (refusal.isPresent()) {
      throw new LaunchRefusedException(List.of(refusal.get()));
    }
    out.printf("  snapshot at %s: %d rows, about %s of version_retention_period %s%n", at,
        run.estimatedRows(), VersionRetention.human(needed), VersionRetention.human(retention));
    return run;
  }

  /** Runs {@code run} on the DirectRunner in this process, to its end. */
  public static SnapshotRun.Result load(SnapshotRun run) throws SQLException {
    return run.run(DirectPipelines.nonBlockingOptions());
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
