package dev.rr.writer;

import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import dev.rr.common.config.ConfigException;
import dev.rr.common.config.ConfigProblems;
import dev.rr.common.config.WriterConfig;
import dev.rr.common.input.IdentitySchemaMappings;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.input.SpannerGeneratedColumns;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.RunMetadata;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.mysql.checkpoint.CheckpointTableException;
import dev.rr.common.schema.ResolvedSchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.sink.ShardDialects;
import dev.rr.writer.custom.CustomTransformations;
import dev.rr.writer.logic.MetadataClients;
import dev.rr.writer.logic.ShardSelection;
import dev.rr.writer.logic.WriterPlan;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the writer does before its pipeline is built: creates missing metadata tables, reads
 * the reader's run row, loads the shards and session files, selects the shards of the run mode,
 * creates the checkpoint table in every selected shard, and checks the custom transformation
 * loads. Fails fast with every problem it can name.
 */
public final class WriterBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(WriterBootstrap.class);
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private WriterBootstrap() {}

  /**
   * Resolves {@code config} into the plan of one launch.
   *
   * @throws ConfigException when options, the run metadata and the input files disagree
   * @throws IllegalStateException when a shard refuses the checkpoint table (the message holds
   *     the DDL and GRANT to run)
   */
  public static WriterPlan prepare(WriterConfig config) {
    try (Spanner spanner = MetadataClients.spanner(config)) {
      MetadataStore store =
          MetadataStore.connect(
              spanner, MetadataClients.databaseId(config), MetadataClients.tables(config),
              MetadataClients.retry(config));
      store.createMissingTables();
      Optional<RunMetadata> run = store.runs().read(config.runIdentifier());
      ConfigProblems problems = new ConfigProblems();
      Instant start = resolveStart(config, run, problems);
      Duration windowDuration = resolveWindowDuration(config, run);
      String buffer = config.bufferDirectory()
          .or(() -> run.map(RunMetadata::bufferDirectory)).orElse(null);
      problems.check(windowDuration != null, "windowDuration is required: run "
          + config.runIdentifier() + " has no run metadata" + where(config));
      problems.check(buffer != null, "GCSInputDirectoryPath is required: run "
          + config.runIdentifier() + " has no run metadata" + where(config));
      Instant end = config.endTimestamp()
          .or(() -> run.flatMap(RunMetadata::end))
          .map(t -> Instant.ofEpochSecond(t.getSeconds(), t.getNanos()))
          .orElse(null);
      problems.throwIfAny();

      List<Shard> shards;
      try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
        shards = ShardsFile.load(config.sourceShardsFilePath(), secrets, config.sourceType());
      }
      SchemaMapping schema = withSpannerGenerated(schema(config, run, spanner, shards.get(0)),
          run, spanner);
      Map<String, ShardProgress> progress =
          store.fileProcessProgress().read(config.runIdentifier());
      List<String> selected = ShardSelection.select(config.runMode(),
          shards.stream().map(Shard::logicalShardId).toList(), progress);
      ensureCheckpointTables(shards, selected, config);
      config.transformation().ifPresent(t ->
          CustomTransformations.load(t.jarPath(), t.className(), t.parameters()));
      WriterPlan plan = new WriterPlan(config, UUID.randomUUID().toString(), buffer, start, end,
          windowDuration, selected, schema);
      LOG.info("[writer] run {} mode {}: shards {} from {} to {}, source offset {} ({})",
          config.runIdentifier(), config.runMode().optionName(), selected, start,
          end == null ? "(no end)" : end, plan.sourceTimezone(),
          config.sourceDbTimezoneOffset().isPresent() ? "option"
              : schema.sourceTimezone().isPresent() ? "session file" : "default");
      return plan;
    }
  }

  /**
   * The window length. The reader's run row wins: the writer looks window files up by name on
   * the reader's grid, and another length would miss every file. The option only counts for a
   * run the reader has not recorded yet.
   */
  private static Duration resolveWindowDuration(WriterConfig config, Optional<RunMetadata> run) {
    Optional<Duration> option = config.windowDuration();
    Optional<Duration> recorded = run.map(RunMetadata::windowDuration);
    if (recorded.isPresent() && option.isPresent() && !option.equals(recorded)) {
      LOG.warn("[run={}] windowDuration {} ignored: the reader wrote {} windows, and the writer"
          + " finds window files by name on the reader's grid", config.runIdentifier(),
          option.get(), recorded.get());
    }
    return recorded.or(() -> option).orElse(null);
  }

  /**
   * The first window's start. The reader's run row wins: its start is the origin of the window
   * grid the buffer files are named by, and a later start would skip changes committed before
   * it (a relaunch with the launch time as start lost every change made while stopped). The
   * option only counts for a run the reader has not recorded yet.
   */
  private static Instant resolveStart(
      WriterConfig config, Optional<RunMetadata> run, ConfigProblems problems) {
    Optional<Instant> option = config.startTimestamp().map(WriterBootstrap::instant);
    Optional<Instant> recorded = run.map(RunMetadata::startTimestamp).map(WriterBootstrap::instant);
    if (recorded.isPresent() && option.isPresent() && !option.equals(recorded)) {
      LOG.warn("[run={}] startTimestamp {} ignored: the writer follows the reader's window grid,"
          + " which starts at {}; changes are applied from each shard's checkpoint",
          config.runIdentifier(), option.get(), recorded.get());
    }
    Optional<Instant> start = recorded.or(() -> option);
    problems.check(start.isPresent(), "startTimestamp is required: run "
        + config.runIdentifier() + " has no run metadata" + where(config));
    return start.orElse(null);
  }

  private static Instant instant(com.google.cloud.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static String where(WriterConfig config) {
    return " in " + config.metadataDatabase()
        + " (start the reader first, or give the option)";
  }

  private static SchemaMapping schema(
      WriterConfig config, Optional<RunMetadata> run, Spanner spanner, Shard shard) {
    if (config.sessionFilePath().isPresent()) {
      return SessionFile.load(config.sessionFilePath().get());
    }
    if (run.isEmpty()) {
      throw new ConfigException("sessionFilePath is required: without it the writer maps tables"
          + " by name and reads the Spanner schema of the run's database, but run "
          + config.runIdentifier() + " has no run metadata" + where(config));
    }
    DatabaseId database = DatabaseId.of(run.get().spannerDatabase());
    try (Connection mysql = connect(shard)) {
      // The catalog only: the time zone plays no part in reading it.
      SchemaMapping mapping =
          IdentitySchemaMappings.fromDatabases(spanner.getDatabaseClient(database), mysql,
              ShardDialects.of(shard, ZoneOffset.UTC));
      if (mapping.spannerTables().isEmpty()) {
        // Every change would be skipped as unmapped while the run reports success.
        throw new ConfigException("no Spanner table has a table of the same name in shard "
            + shard.logicalShardId() + " (" + shard.dbName() + "): create the tables, or give"
            + " sessionFilePath when the names differ");
      }
      return mapping;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the schema of shard " + shard.logicalShardId()
          + " for the identity mapping (give sessionFilePath to avoid it): " + e.getMessage(), e);
    }
  }

  /**
   * {@code schema} knowing the generated columns of the run's Spanner database, when the reader
   * recorded it: each shard worker then refuses to start when one maps to a plain column.
   */
  private static SchemaMapping withSpannerGenerated(
      SchemaMapping schema, Optional<RunMetadata> run, Spanner spanner) {
    if (run.isEmpty()) {
      return schema;
    }
    DatabaseId database = DatabaseId.of(run.get().spannerDatabase());
    try {
      return ResolvedSchemaMapping.withSpannerGenerated(
          schema, SpannerGeneratedColumns.read(spanner.getDatabaseClient(database)));
    } catch (SpannerException e) {
      // rr launch checks them too; the writer can run without the source database's schema.
      LOG.warn("[writer] cannot read the generated columns of {}; not checked: {}",
          database.getName(), e.getMessage());
      return schema;
    }
  }

  private static void ensureCheckpointTables(
      List<Shard> shards, List<String> selected, WriterConfig config) {
    List<String> refused = new ArrayList<>();
    for (Shard shard : shards) {
      if (!selected.contains(shard.logicalShardId())) {
        continue;
      }
      ShardDialect dialect = ShardDialects.of(shard, ZoneOffset.UTC);
      try (Connection connection = connect(shard)) {
        dialect.checkpoints().ensureTable(connection);
      } catch (CheckpointTableException e) {
        refused.add("shard " + shard.logicalShardId() + ": " + e.getMessage());
      } catch (SQLException e) {
        if (dialect.classify(e) == ErrorClass.PERMANENT) {
          refused.add("shard " + shard.logicalShardId() + ": cannot create the checkpoint table "
              + CheckpointDao.TABLE + ": " + e.getMessage());
        } else {
          // Unreachable now: its worker creates the table once the shard is back.
          LOG.warn("[shard={}] unreachable at start, its worker will retry: {}",
              shard.logicalShardId(), e.getMessage());
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalStateException(String.join("\n", refused));
    }
  }

  private static Connection connect(Shard shard) throws SQLException {
    Properties properties = shard.jdbcProperties();
    // Connector/J takes milliseconds, PostgreSQL's driver seconds.
    properties.setProperty("connectTimeout", Integer.toString(
        shard.sourceType() == WriterConfig.SourceType.POSTGRESQL
            ? Math.max(1, CONNECT_TIMEOUT_MILLIS / 1000) : CONNECT_TIMEOUT_MILLIS));
    return DriverManager.getConnection(shard.jdbcUrl(), properties);
  }
}
