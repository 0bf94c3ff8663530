package dev.rr.writer.testing;

import dev.rr.common.buffer.IntervalGrid;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.sink.ShardDialect;
import dev.rr.writer.custom.CustomTransformation;
import dev.rr.writer.logic.BatchStatements;
import dev.rr.writer.logic.BufferRecordKeeper;
import dev.rr.writer.logic.ChangeMapper;
import dev.rr.writer.logic.ShardConnections;
import dev.rr.writer.logic.ShardWorker;
import dev.rr.writer.logic.ShardWorkerServices;
import dev.rr.writer.logic.ShardWorkerSettings;
import dev.rr.writer.logic.WindowApplier;
import dev.rr.writer.logic.WindowLister;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * Builds {@link ShardWorker}s the way the runtime does, on a real database and a real buffer
 * directory, with in-memory reader and writer progress.
 */
public final class WorkerHarness {
  public static final String RUN_ID = "run-it";

  public final FakeReaderProgress readerProgress = new FakeReaderProgress();
  public final InMemoryProgressStore progress = new InMemoryProgressStore();
  public final CountingMetrics metrics = new CountingMetrics();
  private final TestBuffer buffer;
  private final SchemaMapping schema;
  private final Random random = new Random(7);

  private Instant start = Instant.EPOCH;
  private Duration window = Duration.ofSeconds(10);
  private Instant end;
  private int batchSize = 100;
  private CustomTransformation transformation;
  private ShardDialect dialect = new MySqlDialect();

  public WorkerHarness(TestBuffer buffer, SchemaMapping schema) {
    this.buffer = buffer;
    this.schema = schema;
  }

  public WorkerHarness start(Instant value) {
    start = value;
    return this;
  }

  /** The run's window length (the grid is anchored at the start); 10 s unless set. */
  public WorkerHarness window(Duration value) {
    window = value;
    return this;
  }

  public WorkerHarness end(Instant value) {
    end = value;
    return this;
  }

  public WorkerHarness batchSize(int value) {
    batchSize = value;
    return this;
  }

  public WorkerHarness transformation(CustomTransformation value) {
    transformation = value;
    return this;
  }

  /** The shards' dialect; MySQL unless set. */
  public WorkerHarness dialect(ShardDialect value) {
    dialect = value;
    return this;
  }

  /** A new worker for {@code shard} (a new worker is what a restarted pipeline gets). */
  public ShardWorker worker(String shard, ShardConnections connections) {
    CheckpointDao checkpoints = dialect.checkpoints();
    BufferRecordKeeper keeper = new BufferRecordKeeper(buffer.directory(), shard);
    Clock clock = Clock.systemUTC();
    ShardWorkerSettings settings = new ShardWorkerSettings(RUN_ID, shard, start,
        IntervalGrid.anchoredAt(start, window), Optional.ofNullable(end), Duration.ofMillis(100), Duration.ZERO, Duration.ofMillis(50),
        Duration.ofMillis(500));
    ShardWorkerServices services = new ShardWorkerServices(connections, checkpoints, dialect,
        WindowLister.of(buffer.directory()), readerProgress, progress, keeper, metrics, clock,
        random::nextDouble);
    return new ShardWorker(settings, services, live -> new WindowApplier(
        new WindowApplier.Settings(RUN_ID, shard, start, batchSize, batchSize),
        new ChangeMapper(live.mapping(schema), live.dialect(), transformation, shard),
        new BatchStatements(live.dialect(), batchSize),
        new BatchStatements(live.dialect(), 1),
        new WindowApplier.Collaborators(checkpoints, live.constraints(), keeper, metrics, clock)));
  }

  /**
   * Calls {@code worker} until it is done or failed (or {@code timeout} passes), sleeping while
   * it waits; returns the last outcome.
   */
  public static ShardWorker.Outcome runToEnd(ShardWorker worker, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      ShardWorker.RunResult result = worker.runFor(Duration.ofSeconds(2));
      switch (result.outcome()) {
        case DONE, FAILED -> {
          return result.outcome();
        }
        case WAIT -> Thread.sleep(Math.min(200, result.resumeAfter().toMillis()));
        default -> {
          // CONTINUE: call again at once
        }
      }
    }
    return ShardWorker.Outcome.WAIT;
  }
}
