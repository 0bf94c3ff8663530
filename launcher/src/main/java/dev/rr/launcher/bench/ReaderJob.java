package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import java.time.Duration;
import java.util.Objects;

/**
 * A bounded reader run on the emulator: read {@code [start, end)} of the benchmark change stream
 * and write window files for one shard into {@code bufferDir}.
 *
 * @param runId run identifier of the reader's metadata
 * @param emulatorHost emulator {@code host:port}
 * @param project project id
 * @param instance instance id
 * @param database database with the tables and change stream
 * @param metadataDatabase database for the reader's metadata (created empty)
 * @param changeStream change stream name
 * @param start first commit timestamp to read
 * @param end end of the span (exclusive)
 * @param window window duration
 * @param bufferDir buffer directory for the window files
 * @param shard the single logical shard every change goes to
 */
public record ReaderJob(
    String runId,
    String emulatorHost,
    String project,
    String instance,
    String database,
    String metadataDatabase,
    String changeStream,
    Timestamp start,
    Timestamp end,
    Duration window,
    String bufferDir,
    String shard) {

  public ReaderJob {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(emulatorHost, "emulatorHost");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(bufferDir, "bufferDir");
    Objects.requireNonNull(shard, "shard");
  }
}
