package dev.rr.writer.logic;

import dev.rr.common.buffer.IntervalGrid;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one shard's worker runs.
 *
 * @param runId the run identifier
 * @param shard logical shard id
 * @param start changes committed before it are not applied
 * @param grid the run's window grid, as the reader wrote the buffer (its files are looked up by
 *     name on it)
 * @param end the last commit timestamp to apply (inclusive); empty for an open-ended run
 * @param pollInterval wait before looking again for a window the reader has not finished
 * @param progressInterval least time between two progress writes with the same status
 * @param initialBackoff first wait after a transient error
 * @param maxBackoff longest wait between retries
 */
public record ShardWorkerSettings(
    String runId,
    String shard,
    Instant start,
    IntervalGrid grid,
    Optional<Instant> end,
    Duration pollInterval,
    Duration progressInterval,
    Duration initialBackoff,
    Duration maxBackoff) {}
