package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import dev.rr.common.input.Shard;
import java.time.Duration;
import java.util.Objects;

/**
 * Continuous replication for the lag benchmark: the reader from {@code start} on (unbounded) into
 * {@code bufferDir}, and the writer from there into the one shard's database.
 *
 * @param runId run identifier of both pipelines
 * @param emulatorHost emulator {@code host:port}
 * @param project project id
 * @param instance instance id
 * @param database database with the tables and change stream
 * @param metadataDatabase database for the metadata tables (created empty)
 * @param changeStream change stream name
 * @param start where the reader starts
 * @param window window duration
 * @param bufferDir buffer directory
 * @param shard the single shard and its database
 */
public record ReplicationJob(
    String runId,
    String emulatorHost,
    String project,
    String instance,
    String database,
    String metadataDatabase,
    String changeStream,
    Timestamp start,
    Duration window,
    String bufferDir,
    Shard shard) {

  public ReplicationJob {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(emulatorHost, "emulatorHost");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(bufferDir, "bufferDir");
    Objects.requireNonNull(shard, "shard");
  }
}
