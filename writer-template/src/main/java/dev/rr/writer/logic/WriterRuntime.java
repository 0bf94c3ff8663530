package dev.rr.writer.logic;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.common.config.WriterConfig;
import dev.rr.common.input.SecretManagerSecretResolver;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.metadata.FileCreateProgressDao;
import dev.rr.common.metadata.FileProcessProgressDao;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.sink.ShardDialects;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.writer.custom.CustomTransformation;
import dev.rr.writer.custom.CustomTransformations;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Everything the writer's workers share in one JVM for one launch: shard connection pools, the
 * metadata client, and one {@link ShardWorker} per shard (which keeps its position between calls).
 * Built from a {@link WriterPlan} where the pipeline runs; shard passwords are resolved here.
 */
public final class WriterRuntime implements AutoCloseable {
  /** Least time between two progress writes of one shard with an unchanged status. */
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final WriterPlan plan;
  private final Map<String, Shard> shards;
  private final Spanner spanner;
  private final ShardPools pools;
  private final ProgressStore progress;
  private final ReaderProgress readerProgress;
  private final Function<String, ShardMetrics> metrics;
  private final Map<String, ShardWorker> workers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private WriterRuntime(
      WriterPlan plan, Map<String, Shard> shards, Spanner spanner,
      Function<String, ShardMetrics> metrics) {
    this.plan = plan;
    this.shards = shards;
    this.spanner = spanner;
    this.metrics = metrics;
    WriterConfig config = plan.config();
    this.pools = new ShardPools(config.maxShardConnections());
    DatabaseClient client = spanner.getDatabaseClient(MetadataClients.databaseId(config));
    MetadataTables tables = MetadataClients.tables(config);
    SpannerRetry retry = MetadataClients.retry(config);
    this.progress = ProgressStore.of(
        new FileProcessProgressDao(client, tables, retry), config.runIdentifier());
    this.readerProgress = ReaderProgress.of(
        new FileCreateProgressDao(client, tables, retry), config.runIdentifier());
  }

  /**
   * Opens the runtime of {@code plan}: reads the shards file (resolving Secret Manager
   * passwords) and connects to the metadata database.
   *
   * @param metrics the metrics of each shard
   */
  public static WriterRuntime open(WriterPlan plan, Function<String, ShardMetrics> metrics) {
    Map<String, Shard> shards = new LinkedHashMap<>();
    try (SecretManagerSecretResolver secrets = new SecretManagerSecretResolver()) {
      for (Shard shard : ShardsFile.load(plan.config().sourceShardsFilePath(), secrets,
          plan.config().sourceType())) {
        shards.put(shard.logicalShardId(), shard);
      }
    }
    return new WriterRuntime(plan, shards, MetadataClients.spanner(plan.config()), metrics);
  }

  /** True once {@link #close} was called: a worker must not be run again. */
  public boolean isClosed() {
    return closed;
  }

  /** The worker of {@code shard}, created on first use. */
  public ShardWorker worker(String shard) {
    return workers.computeIfAbsent(shard, this::newWorker);
  }

  private ShardWorker newWorker(String shardId) {
    Shard shard = shards.get(shardId);
    if (shard == null) {
      throw new IllegalStateException("shard " + shardId + " is not in "
          + plan.config().sourceShardsFilePath() + " any more");
    }
    WriterConfig config = plan.config();
    ShardMetrics shardMetrics = metrics.apply(shardId);
    Clock clock = Clock.systemUTC();
    ShardDialect dialect = ShardDialects.of(shard, plan.sourceTimezone());
    CheckpointDao checkpoints = dialect.checkpoints();
    RecordKeeper keeper = new BufferRecordKeeper(plan.bufferDirectory(), shardId);
    ShardWorkerSettings settings = new ShardWorkerSettings(config.runIdentifier(), shardId,
        plan.start(), IntervalGrid.anchoredAt(plan.start(), plan.windowDuration()),
        plan.endTimestamp(), config.pollInterval(), PROGRESS_INTERVAL,
        INITIAL_BACKOFF, MAX_BACKOFF);
    ShardWorkerServices services = new ShardWorkerServices(pools.connections(shard), checkpoints,
        dialect, WindowLister.of(plan.bufferDirectory()), readerProgress, progress, keeper,
        shardMetrics, clock, () -> ThreadLocalRandom.current().nextDouble());
    CustomTransformation transformation = config.transformation()
        .map(t -> CustomTransformations.load(t.jarPath(), t.className(), t.parameters()))
        .orElse(null);
    int batchSize = config.batchSize();
    return new ShardWorker(settings, services, live -> new WindowApplier(
        new WindowApplier.Settings(config.runIdentifier(), shardId, plan.start(), batchSize,
            batchSize),
        new ChangeMapper(live.mapping(plan.schema()), live.dialect(),
            transformation, shardId),
        new BatchStatements(live.dialect(), batchSize),
        new BatchStatements(live.dialect(), 1),
        new WindowApplier.Collaborators(checkpoints, live.constraints(), keeper, shardMetrics,
            clock)));
  }

  @Override
  public void close() {
    closed = true;
    pools.close();
    spanner.close();
  }
}
