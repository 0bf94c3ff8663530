package dev.rr.writer.logic;

import dev.rr.common.mysql.checkpoint.CheckpointDao;
import dev.rr.common.sink.ShardDialect;
import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * What one shard's worker talks to.
 *
 * @param connections the shard's database
 * @param checkpoints the checkpoint table in it
 * @param dialect the shard database's dialect (session, live schema, errors)
 * @param lister the shard's window files
 * @param readerProgress the reader's created_upto
 * @param progress the writer's progress rows
 * @param keeper where records that are not written are kept
 * @param metrics counters
 * @param clock time
 * @param random jitter source, values in [0, 1)
 */
public record ShardWorkerServices(
    ShardConnections connections,
    CheckpointDao checkpoints,
    ShardDialect dialect,
    WindowLister lister,
    ReaderProgress readerProgress,
    ProgressStore progress,
    RecordKeeper keeper,
    ShardMetrics metrics,
    Clock clock,
    DoubleSupplier random) {}
