package dev.rr.reader;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseId;
import dev.rr.common.config.ConfigProblems;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.input.SecretResolver;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.metadata.RunMetadata;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.reader.dao.RunInputsFile;
import dev.rr.reader.dao.SpannerConfigs;
import dev.rr.reader.dao.SpannerIdentityMapping;
import dev.rr.reader.dao.SpannerSchemaReader;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.ResumePoint;
import dev.rr.reader.logic.RunChecks;
import dev.rr.reader.logic.RunInputs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.gcp.spanner.SpannerAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side effects of a reader launch, before any pipeline is built: read and check the shards
 * and session files, create missing metadata tables, and record the run (a new run row, or for
 * {@code resume} the start: where the buffer stops being final).
 */
public final class ReaderBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(ReaderBootstrap.class);

  /** The reader needs only the shard ids; it never connects to a shard, so no secret is read. */
  private static final SecretResolver SHARD_IDS_ONLY = uri -> "";

  private ReaderBootstrap() {}

  /**
   * Prepares the run of {@code config}.
   *
   * @throws dev.rr.common.config.ConfigException naming what to fix when the files, the options
   *     and the metadata do not fit together
   */
  public static PreparedRun prepare(ReaderConfig config) {
    List<String> shardIds =
        ShardsFile.load(config.sourceShardsFilePath(), SHARD_IDS_ONLY, config.sourceType())
            .stream()
            .map(Shard::logicalShardId)
            .toList();
    SchemaMapping mapping = config.sessionFilePath().isPresent()
        ? SessionFile.load(config.sessionFilePath().get())
        : identityMapping(config);
    ConfigProblems problems = new ConfigProblems();
    RunChecks.shardIdsAreNotReserved(shardIds, OutputLayout.of(config), problems);
    RunChecks.routingRuleExists(
        shardIds, config.customSharding().isPresent(), mapping, problems);
    problems.throwIfAny();

    MetadataTables tables = MetadataTables.of(config.metadataTableSuffix());
    try (SpannerAccessor accessor = SpannerAccessor.getOrCreate(SpannerConfigs.metadata(config))) {
      ReaderConfig.DatabaseRef ref = config.metadataDatabase();
      MetadataStore store = MetadataStore.open(accessor.getDatabaseClient(),
          accessor.getDatabaseAdminClient(),
          DatabaseId.of(ref.projectId(), ref.instanceId(), ref.databaseId()), tables,
          SpannerRetry.forEmulatorHost(config.spannerEmulatorHost().orElse(null)));
      store.createMissingTables();
      Optional<RunMetadata> existing = store.runs().read(config.runIdentifier());
      return config.runMode() == ReaderRunMode.RESUME
          ? resume(config, existing, store, shardIds, mapping)
          : begin(config, existing, store, shardIds, mapping);
    }
  }

  private static PreparedRun begin(ReaderConfig config, Optional<RunMetadata> existing,
      MetadataStore store, List<String> shardIds, SchemaMapping mapping) {
    ConfigProblems problems = new ConfigProblems();
    RunChecks.runIsNew(existing, config, problems);
    problems.throwIfAny();
    store.runs().upsert(runRow(config).build());
    RunInputsFile.write(config.outputDirectory(), config.runIdentifier(),
        RunInputsFile.of(config, shardIds));
    LOG.info("[run={}] new run from {} with {} shards", config.runIdentifier(),
        config.startTimestamp(), shardIds.size());
    return new PreparedRun(config, config.startTimestamp(), shardIds, mapping, store.tables(),
        Map.of());
  }

  private static PreparedRun resume(ReaderConfig config, Optional<RunMetadata> existing,
      MetadataStore store, List<String> shardIds, SchemaMapping mapping) {
    ConfigProblems problems = new ConfigProblems();
    RunChecks.runIsResumable(existing, config, problems);
    RunInputs inputs = RunInputsFile.of(config, shardIds);
    Optional<RunInputs> started =
        RunInputsFile.read(config.outputDirectory(), config.runIdentifier());
    RunChecks.routesAsStarted(started, inputs, config.runIdentifier(), problems);
    problems.throwIfAny();
    if (started.isEmpty()) {
      LOG.warn("[run={}] no {} in the buffer (a run started by an earlier version): the session"
          + " file, shard ids and custom fetcher cannot be checked against the run's; they are"
          + " recorded now", config.runIdentifier(), RunInputsFile.SUFFIX);
      RunInputsFile.write(config.outputDirectory(), config.runIdentifier(), inputs);
    }
    RunMetadata run = existing.orElseThrow();
    Map<String, Timestamp> finalUpto = store.fileCreateProgress().createdUpto(config.runIdentifier());
    IntervalGrid grid = IntervalGrid.anchoredAt(run.startTimestamp(), run.windowDuration());
    Timestamp start = ResumePoint.firstNotFinal(run.startTimestamp(), grid, shardIds, finalUpto);
    Map<String, Instant> createdUpto = new LinkedHashMap<>();
    finalUpto.forEach((shard, at) -> createdUpto.put(shard, IntervalGrid.toInstant(at)));
    // Resuming continues the run as it was defined unless this launch gives another end.
    Timestamp end = config.endTimestamp().orElse(run.endTimestamp());
    ReaderConfig resumed = config.withStartTimestamp(start).withEndTimestamp(end);
    problems = new ConfigProblems();
    RunChecks.endIsNotExtendedPastFinal(config.runIdentifier(), run.endTimestamp(),
        config.endTimestamp().orElse(null), finalUpto, problems);
    RunChecks.endIsAfterResumePoint(resumed, problems);
    problems.throwIfAny();
    store.runs().upsert(run.toBuilder()
        .readerRunMode(ReaderRunMode.RESUME)
        .endTimestamp(end)
        .build());
    LOG.info("[run={}] resuming from {}: the change stream is read again from there; files final"
        + " for a shard (created_upto {}) are kept, the others rewritten (run start {})",
        config.runIdentifier(), start, createdUpto, run.startTimestamp());
    return new PreparedRun(
        resumed, run.startTimestamp(), shardIds, mapping, store.tables(), createdUpto);
  }

  private static RunMetadata.Builder runRow(ReaderConfig config) {
    return RunMetadata.builder()
        .runId(config.runIdentifier())
        .startTimestamp(config.startTimestamp())
        .endTimestamp(config.endTimestamp().orElse(null))
        .windowDuration(config.windowDuration())
        .changeStreamName(config.changeStreamName())
        .spannerDatabase(config.database().toString())
        .readerRunMode(config.runMode())
        .bufferDirectory(config.outputDirectory())
        .skipDirectoryName(config.skipDirectoryName());
  }

  private static SchemaMapping identityMapping(ReaderConfig config) {
    try (SpannerAccessor accessor = SpannerAccessor.getOrCreate(SpannerConfigs.data(config))) {
      return new SpannerIdentityMapping(
          SpannerSchemaReader.readAll(accessor.getDatabaseClient()).values());
    }
  }
}
