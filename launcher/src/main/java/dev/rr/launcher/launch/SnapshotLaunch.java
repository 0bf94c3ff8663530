package dev.rr.launcher.launch;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.IdentitySchemaMappings;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceTimezone;
import dev.rr.common.sink.ShardDialects;
import dev.rr.launcher.spanner.SpannerClients;
import dev.rr.launcher.spanner.SpannerTarget;
import dev.rr.writer.snapshot.SnapshotBootstrap;
import dev.rr.writer.snapshot.SnapshotPlan;
import dev.rr.writer.snapshot.beam.SnapshotRun;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/**
 * Prepares the initial snapshot of a launch at T: the mapping and shards the writer will use, the
 * row count of every table at T (which sizes the chunks), and the Beam config of the source
 * database.
 */
public final class SnapshotLaunch {
  /** Rows per chunk, about: one shard transaction each. */
  public static final int DEFAULT_CHUNK_ROWS = 20_000;

  /** Rows per upsert statement. */
  public static final int DEFAULT_ROWS_PER_STATEMENT = 1_000;

  private SnapshotLaunch() {}

  /**
   * The snapshot of {@code config}'s run at {@code at}, chunks of about {@code chunkRows} rows.
   *
   * @throws SQLException when the identity mapping cannot read the first shard
   */
  public static SnapshotRun prepare(Spanner spanner, LaunchConfig config, Timestamp at,
      int chunkRows, PrintWriter out) throws SQLException {
    DatabaseClient client = spanner.getDatabaseClient(SpannerClients.databaseId(config.source()));
    List<Shard> shards;
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      shards = ShardsFile.load(config.replication().shardsFile(), secrets,
          config.replication().sourceType());
    }
    SchemaMapping mapping = mapping(config.replication().sessionFile(), client, shards.get(0),
        config.replication().sourceType());
    Map<String, Long> rows = SnapshotBootstrap.rowCounts(client, mapping, at);
    SnapshotPlan plan = new SnapshotPlan(config.run().runIdentifier(), at,
        config.replication().shardsFile(), shards.stream().map(Shard::logicalShardId).toList(),
        mapping, SourceTimezone.resolve(config.replication().sourceTimezone(), mapping),
        DEFAULT_ROWS_PER_STATEMENT, SnapshotBootstrap.chunkCounts(rows, chunkRows),
        config.replication().sourceType());
    return new SnapshotRun(plan, beamConfig(config.source()),
        SnapshotBootstrap.shardRowCounts(client, mapping, at, plan.shardIds()), out);
  }

  /** The Beam config reading {@code source}. */
  static SpannerConfig beamConfig(SpannerTarget source) {
    SpannerConfig spanner = SpannerConfig.create()
        .withProjectId(source.projectId())
        .withInstanceId(source.instanceId())
        .withDatabaseId(source.databaseId());
    if (source.emulatorHost().isPresent()) {
      spanner = spanner.withEmulatorHost(StaticValueProvider.of(source.emulatorHost().get()));
    }
    if (source.host().isPresent()) {
      spanner = spanner.withHost(StaticValueProvider.of(source.host().get()));
    }
    return spanner;
  }

  /**
   * The session file's mapping, or the identity mapping of Spanner and {@code first}, a shard of
   * type {@code type}.
   */
  static SchemaMapping mapping(Optional<String> sessionFile, DatabaseClient client, Shard first,
      SourceType type) throws SQLException {
    if (sessionFile.isPresent()) {
      return SessionFile.load(sessionFile.get());
    }
    try (Connection connection =
        DriverManager.getConnection(first.jdbcUrl(), first.jdbcProperties())) {
      return IdentitySchemaMappings.fromDatabases(client, connection,
          ShardDialects.of(type, ZoneOffset.UTC));
    }
  }
}
