package dev.rr.launcher.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.common.config.WriterConfigBuilder;
import dev.rr.common.input.Shard;
import dev.rr.common.metadata.ShardProgress;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.sink.ShardDialects;
import dev.rr.writer.logic.BatchStatements;
import dev.rr.writer.logic.BufferRecordKeeper;
import dev.rr.writer.logic.ChangeMapper;
import dev.rr.writer.logic.ProgressStore;
import dev.rr.writer.logic.ReaderProgress;
import dev.rr.writer.logic.RecordKeeper;
import dev.rr.writer.logic.ShardMetrics;
import dev.rr.writer.logic.ShardWorker;
import dev.rr.writer.logic.ShardWorkerServices;
import dev.rr.writer.logic.ShardWorkerSettings;
import dev.rr.writer.logic.WindowApplier;
import dev.rr.writer.logic.WindowLister;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * "Ours": the writer's own {@link ShardWorker} - the code each writer pipeline worker runs per
 * shard - assembled as the writer's runtime assembles it (the shard's dialect, default batch size,
 * multi-row statements, checkpoint in the same transaction, a HikariCP pool per shard), and driven
 * until the shard is done. Only the Spanner metadata is replaced: the reader's {@code
 * created_upto} is the end of the generated history, and the shard's progress rows are kept in
 * memory (the writer writes them at most every few seconds, so they cost nothing measurable).
 */
final class ShardWorkerPath implements WriterPath {
  /** The writer's own defaults, so "ours" is the writer as an operator launches it. */
  private static final int MAX_CONNECTIONS = WriterConfigBuilder.DEFAULT_MAX_SHARD_CONNECTIONS;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final Duration RUN_BUDGET = Duration.ofSeconds(5);

  private final int batchSize;

  /** @param batchSize records per MySQL transaction ({@code batchSize}; default 1,000) */
  ShardWorkerPath(int batchSize) {
    this.batchSize = batchSize;
  }

  @Override
  public void applyShard(WriterJob job, Shard shard) throws Exception {
    InMemoryProgress progress = new InMemoryProgress();
    try (HikariDataSource pool = pool(shard)) {
      ShardWorker worker = worker(job, shard, pool, progress);
      while (true) {
        ShardWorker.RunResult result = worker.runFor(RUN_BUDGET);
        switch (result.outcome()) {
          case DONE -> {
            return;
          }
          case FAILED -> throw new IllegalStateException("the writer stopped shard "
              + shard.logicalShardId() + ": " + progress.lastError(shard.logicalShardId()));
          case WAIT -> Thread.sleep(Math.max(1, result.resumeAfter().toMillis()));
          case CONTINUE -> { }
        }
      }
    }
  }

  private ShardWorker worker(
      WriterJob job, Shard shard, HikariDataSource pool, ProgressStore progress) {
    String shardId = shard.logicalShardId();
    ShardDialect dialect = ShardDialects.of(shard, ZoneOffset.UTC);
    CheckpointDao checkpoints = dialect.checkpoints();
    RecordKeeper keeper = new BufferRecordKeeper(job.bufferDir(), shardId);
    ShardMetrics metrics = ShardMetrics.none();
    Clock clock = Clock.systemUTC();
    // Every window before the end is final; the last commit is before it.
    ReaderProgress createdUpto = s -> Optional.of(job.end());
    Instant lastCommit = job.end().minusNanos(1_000);
    ShardWorkerSettings settings = new ShardWorkerSettings(job.runId(), shardId, job.start(),
        IntervalGrid.anchoredAt(job.start(), job.window()), Optional.of(lastCommit), POLL_INTERVAL, Duration.ofSeconds(5), Duration.ofMillis(200),
        Duration.ofSeconds(10));
    ShardWorkerServices services = new ShardWorkerServices(pool::getConnection, checkpoints,
        dialect, WindowLister.of(job.bufferDir()), createdUpto, progress, keeper, metrics, clock,
        () -> ThreadLocalRandom.current().nextDouble());
    return new ShardWorker(settings, services, live -> new WindowApplier(
        new WindowApplier.Settings(job.runId(), shardId, job.start(), batchSize, batchSize),
        new ChangeMapper(live.mapping(job.mapping()), live.dialect(), null, shardId),
        new BatchStatements(live.dialect(), batchSize),
        new BatchStatements(live.dialect(), 1),
        new WindowApplier.Collaborators(checkpoints, live.constraints(), keeper, metrics, clock)));
  }

  private static HikariDataSource pool(Shard shard) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("rr-bench-" + shard.logicalShardId());
    config.setJdbcUrl(shard.jdbcUrl());
    config.setDataSourceProperties(shard.jdbcProperties());
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  /** The shard progress rows, in memory. */
  private static final class InMemoryProgress implements ProgressStore {
    private final Map<String, ShardProgress> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<ShardProgress> read(String shard) {
      return Optional.ofNullable(rows.get(shard));
    }

    @Override
    public boolean write(ShardProgress progress) {
      rows.put(progress.shard(), progress);
      return true;
    }

    String lastError(String shard) {
      return read(shard).map(ShardProgress::error).orElse("no error recorded");
    }
  }
}
