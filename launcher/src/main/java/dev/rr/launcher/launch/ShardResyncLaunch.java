package dev.rr.launcher.launch;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.common.mysql.checkpoint.ResyncFence;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceTimezone;
import dev.rr.common.spanner.SpannerTime;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.writer.snapshot.ShardResync;
import dev.rr.writer.snapshot.SnapshotBootstrap;
import dev.rr.writer.snapshot.SnapshotPlan;
import dev.rr.writer.snapshot.SnapshotSql;
import dev.rr.writer.snapshot.TableSubset;
import dev.rr.writer.snapshot.beam.SnapshotRun;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * {@code rr resync --shard S}: brings shard S of a running run to Spanner's rows at a new T and
 * continues it from T, the other shards untouched. The version retention is checked first (nothing
 * is changed when it refuses); then {@link ShardResync#begin} fences the shard (its writer applies
 * nothing meanwhile), the snapshot pipeline loads S's rows at T, and {@link ShardResync#finish}
 * deletes S's rows Spanner does not have at T and restores its checkpoint, from which the
 * running writer goes on by itself. Running it again resumes a resync under way at its T.
 */
public final class ShardResyncLaunch {
  private ShardResyncLaunch() {}

  /**
   * One resync.
   *
   * @param source the replicated Spanner database
   * @param runId the run the shard belongs to
   * @param shardsFile the run's shards file
   * @param sessionFile the run's session file; empty for the identity mapping
   * @param sourceTimezone the shards' time zone option, as the writer was given it
   * @param shard the shard to resync
   * @param tables Spanner tables to resync; empty for every mapped table
   * @param chunkRows rows per chunk, about
   * @param rowsPerSecond load rate assumed for the retention check
   * @param maxDuration the operator's bound on the load time, instead of the estimate
   * @param sourceType the kind of database the run's shards are
   */
  public record Request(SpannerTarget source, String runId, String shardsFile,
      Optional<String> sessionFile, Optional<ZoneOffset> sourceTimezone, String shard,
      Set<String> tables, int chunkRows, double rowsPerSecond, Optional<Duration> maxDuration,
      SourceType sourceType) {
    public Request {
      tables = Set.copyOf(tables);
      java.util.Objects.requireNonNull(sourceType, "sourceType");
    }
  }

  /** Runs {@code request} on the DirectRunner in this process, to its end. */
  public static SnapshotRun.Result run(Spanner spanner, Request request, PrintWriter out)
      throws SQLException {
    return run(spanner, request, out, DirectPipelines.nonBlockingOptions());
  }

  /**
   * Runs {@code request} with {@code options}.
   *
   * @throws LaunchRefusedException when the load cannot end inside the version retention, or the
   *     shard is not in the shards file
   */
  public static SnapshotRun.Result run(Spanner spanner, Request request, PrintWriter out,
      PipelineOptions options) throws SQLException {
    return prepare(spanner, request, out).run(options);
  }

  /**
   * Checks the retention, fences the shard (or finds the resync under way) and returns the load
   * of its rows at T, not started: {@link SnapshotRun#run} loads it and ends the resync.
   *
   * @throws LaunchRefusedException when the load cannot end inside the version retention, or the
   *     shard is not in the shards file
   */
  public static SnapshotRun prepare(Spanner spanner, Request request, PrintWriter out)
      throws SQLException {
    DatabaseClient client = spanner.getDatabaseClient(SpannerClients.databaseId(request.source()));
    List<Shard> shards;
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      shards = ShardsFile.load(request.shardsFile(), secrets, request.sourceType());
    }
    List<String> shardIds = shards.stream().map(Shard::logicalShardId).toList();
    Shard shard = shards.stream().filter(s -> s.logicalShardId().equals(request.shard()))
        .findFirst().orElseThrow(() -> new LaunchRefusedException(List.of("shard "
            + request.shard() + " is not in " + request.shardsFile() + ": " + shardIds)));
    SchemaMapping mapping = SnapshotLaunch.mapping(request.sessionFile(), client, shards.get(0),
        request.sourceType());
    boolean whole = request.tables().isEmpty()
        || request.tables().equals(mapping.spannerTables());
    SchemaMapping scope = whole ? mapping : new TableSubset(mapping, request.tables());
    ShardResync resync = new ShardResync(SnapshotSql.of(request.sourceType()));
    ResyncFence fence;
    try (Connection connection =
        DriverManager.getConnection(shard.jdbcUrl(), shard.jdbcProperties())) {
      checkRetention(client, request, scope, expectedT(resync, connection, request, whole,
          client), out);
      fence = resync.begin(connection, request.runId(), request.shard(), scope, whole,
          () -> SpannerTime.now(client));
    }
    out.printf("rr resync: shard %s of run %s is fenced (its writer waits) and loads %s at T = %s%n",
        request.shard(), request.runId(), scope.spannerTables(), fence.readAt());
    Map<String, Long> rows = SnapshotBootstrap.rowCounts(client, scope, fence.readAt());
    SnapshotPlan plan = new SnapshotPlan(request.runId(), fence.readAt(), request.shardsFile(),
        shardIds, scope, SourceTimezone.resolve(request.sourceTimezone(), mapping),
        SnapshotLaunch.DEFAULT_ROWS_PER_STATEMENT,
        SnapshotBootstrap.chunkCounts(rows, request.chunkRows()), request.shard(),
        request.sourceType());
    return new SnapshotRun(plan, SnapshotLaunch.beamConfig(request.source()),
        SnapshotBootstrap.shardRowCounts(client, scope, fence.readAt(), shardIds), out);
  }

  /** The T the resync will read at: a resync under way keeps its own. */
  private static Timestamp expectedT(ShardResync resync, Connection connection, Request request,
      boolean whole, DatabaseClient client) throws SQLException {
    Optional<ResyncFence> underWay = resync.current(connection, request.runId(), request.shard());
    if (underWay.isPresent()) {
      return underWay.get().readAt();
    }
    Timestamp now = SpannerTime.now(client);
    return whole ? now : resync.checkpoint(connection, request.runId(), request.shard())
        .map(Checkpoint::commitTimestamp).orElse(now);
  }

  private static void checkRetention(DatabaseClient client, Request request, SchemaMapping scope,
      Timestamp at, PrintWriter out) {
    Timestamp now = SpannerTime.now(client);
    // Counted now, not at T: T may be out of reach already, which is what is checked here.
    long rows = SnapshotBootstrap.rowCounts(client, scope, now).values().stream()
        .mapToLong(Long::longValue).sum();
    Duration sinceT = Duration.between(instant(at), instant(now));
    Duration needed = VersionRetention.needed(rows, request.rowsPerSecond(),
        request.maxDuration(), sinceT);
    Duration retention = VersionRetention.read(client);
    String basis = request.maxDuration()
        .map(d -> "--snapshotMaxDuration " + VersionRetention.human(d))
        .orElse(rows + " rows at " + (long) request.rowsPerSecond() + " rows/s")
        + (sinceT.compareTo(Duration.ofSeconds(1)) < 0 ? ""
            : ", T is " + VersionRetention.human(sinceT) + " old already");
    Optional<String> refusal = VersionRetention.refusal(retention, needed, basis);
    if (refusal.isPresent()) {
      throw new LaunchRefusedException(List.of(refusal.get()));
    }
    out.printf("  resync of shard %s: %d rows to read, about %s of version_retention_period %s%n",
        request.shard(), rows, VersionRetention.human(needed), VersionRetention.human(retention));
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
