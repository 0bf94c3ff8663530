package dev.rr.common.metadata;

import static dev.rr.common.metadata.ShardProgress.requireText;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ReaderRunMode;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One replication run as the reader started it: a row of {@code spanner_to_gcs_metadata}. The
 * writer reads it to find the buffer and the window grid; a resumed reader checks it still
 * matches.
 *
 * @param runId the run identifier shared by reader, writer and launcher
 * @param startTimestamp inclusive change-stream start; the first window starts here
 * @param endTimestamp exclusive change-stream end, or null when the run is open-ended
 * @param windowDuration length of every window, a whole positive number of milliseconds
 * @param changeStreamName the change stream read
 * @param spannerDatabase the change stream's database, {@code projects/P/instances/I/databases/D}
 * @param readerRunMode run mode of the latest reader launch (stored by option name)
 * @param bufferDirectory root of the buffer; files are {@code <bufferDirectory>/<shard>/<file>}
 * @param skipDirectoryName directory under the buffer for records that matched no shard
 * @param createdAt commit time of the row's insert; null in a value not read from the table
 * @param updatedAt commit time of the row's latest write; null in a value not read from the table
 */
public record RunMetadata(
    String runId,
    Timestamp startTimestamp,
    Timestamp endTimestamp,
    Duration windowDuration,
    String changeStreamName,
    String spannerDatabase,
    ReaderRunMode readerRunMode,
    String bufferDirectory,
    String skipDirectoryName,
    Timestamp createdAt,
    Timestamp updatedAt)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RunMetadata {
    requireText(runId, "runId");
    Objects.requireNonNull(startTimestamp, "startTimestamp");
    if (endTimestamp != null && endTimestamp.compareTo(startTimestamp) <= 0) {
      throw new IllegalArgumentException(
          "endTimestamp " + endTimestamp + " is not after startTimestamp " + startTimestamp);
    }
    Objects.requireNonNull(windowDuration, "windowDuration");
    if (windowDuration.isNegative()
        || windowDuration.isZero()
        || windowDuration.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "windowDuration " + windowDuration + " is not a positive whole number of milliseconds");
    }
    requireText(changeStreamName, "changeStreamName");
    requireText(spannerDatabase, "spannerDatabase");
    Objects.requireNonNull(readerRunMode, "readerRunMode");
    requireText(bufferDirectory, "bufferDirectory");
    requireText(skipDirectoryName, "skipDirectoryName");
  }

  /** The end timestamp, when the run has one. */
  public Optional<Timestamp> end() {
    return Optional.ofNullable(endTimestamp);
  }

  /** A builder; every field except endTimestamp, createdAt and updatedAt is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this value, e.g. to record a resumed launch. */
  public Builder toBuilder() {
    return new Builder()
        .runId(runId)
        .startTimestamp(startTimestamp)
        .endTimestamp(endTimestamp)
        .windowDuration(windowDuration)
        .changeStreamName(changeStreamName)
        .spannerDatabase(spannerDatabase)
        .readerRunMode(readerRunMode)
        .bufferDirectory(bufferDirectory)
        .skipDirectoryName(skipDirectoryName)
        .createdAt(createdAt)
        .updatedAt(updatedAt);
  }

  /** Builds a {@link RunMetadata}. */
  public static final class Builder {
    private String runId;
    private Timestamp startTimestamp;
    private Timestamp endTimestamp;
    private Duration windowDuration;
    private String changeStreamName;
    private String spannerDatabase;
    private ReaderRunMode readerRunMode;
    private String bufferDirectory;
    private String skipDirectoryName;
    private Timestamp createdAt;
    private Timestamp updatedAt;

    private Builder() {}

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder startTimestamp(Timestamp startTimestamp) {
      this.startTimestamp = startTimestamp;
      return this;
    }

    public Builder endTimestamp(Timestamp endTimestamp) {
      this.endTimestamp = endTimestamp;
      return this;
    }

    public Builder windowDuration(Duration windowDuration) {
      this.windowDuration = windowDuration;
      return this;
    }

    public Builder changeStreamName(String changeStreamName) {
      this.changeStreamName = changeStreamName;
      return this;
    }

    public Builder spannerDatabase(String spannerDatabase) {
      this.spannerDatabase = spannerDatabase;
      return this;
    }

    public Builder readerRunMode(ReaderRunMode readerRunMode) {
      this.readerRunMode = readerRunMode;
      return this;
    }

    public Builder bufferDirectory(String bufferDirectory) {
      this.bufferDirectory = bufferDirectory;
      return this;
    }

    public Builder skipDirectoryName(String skipDirectoryName) {
      this.skipDirectoryName = skipDirectoryName;
      return this;
    }

    public Builder createdAt(Timestamp createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Timestamp updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** The value; fails naming the first missing or invalid field. */
    public RunMetadata build() {
      return new RunMetadata(
          runId,
          startTimestamp,
          endTimestamp,
          windowDuration,
          changeStreamName,
          spannerDatabase,
          readerRunMode,
          bufferDirectory,
          skipDirectoryName,
          createdAt,
          updatedAt);
    }
  }
}
