package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import dev.rr.common.schema.SchemaMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the writer under test needs to apply a generated history: the buffer, the shards
 * (one database each), the schema mapping, and the span of windows to apply. The reader's
 * {@code created_upto} is taken as {@code end}: every window before it is final.
 *
 * @param runId run identifier of the checkpoints
 * @param bufferDir buffer directory with {@code <shard>/<window file>}s
 * @param shards the shards to apply, each with its own database
 * @param mapping Spanner -> shard schema mapping
 * @param start start of the first window
 * @param end end of the last window
 * @param window window duration
 */
public record WriterJob(
    String runId,
    String bufferDir,
    List<Shard> shards,
    SchemaMapping mapping,
    Instant start,
    Instant end,
    Duration window) {

  public WriterJob {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(bufferDir, "bufferDir");
    shards = List.copyOf(shards);
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(window, "window");
  }

  /** The job for every shard of a generated workload; the shards are of one source type. */
  public static WriterJob of(String runId, GeneratedWorkload workload, List<Shard> shards) {
    return new WriterJob(
        runId,
        workload.bufferDir(),
        shards,
        BenchSchema.mapping(shards.get(0).sourceType()),
        workload.spec().start(),
        workload.end(),
        workload.spec().window());
  }
}
