package dev.rr.launcher.launch;

import com.google.cloud.Timestamp;
import dev.rr.common.config.FiltrationMode;
import dev.rr.common.config.WriterConfig.SourceType;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipelines replicate and through which buffer.
 *
 * @param changeStreamName the change stream the reader reads (created if missing)
 * @param startTimestamp first commit time replicated (inclusive); empty means "now"
 * @param endTimestamp last commit time replicated; empty means unbounded
 * @param windowDuration width of the buffer's window files
 * @param bufferDirectory the buffer ({@code gs://...} or a local directory)
 * @param sessionFile session file path; empty means identity mapping
 * @param shardsFile shards file path
 * @param filtrationMode which change records the reader drops
 * @param skipDirectoryName directory (under the buffer) for records of unknown tables
 * @param sourceTimezone time zone offset of the MySQL shards when given; empty lets the writer
 *     take the session file's {@code TimezoneOffset}, else +00:00
 * @param sourceType the kind of database the shards are (how the shards file is read, which
 *     dialect checks and writes them)
 */
public record ReplicationSettings(
    String changeStreamName,
    Optional<Timestamp> startTimestamp,
    Optional<Timestamp> endTimestamp,
    Duration windowDuration,
    String bufferDirectory,
    Optional<String> sessionFile,
    String shardsFile,
    FiltrationMode filtrationMode,
    String skipDirectoryName,
    Optional<ZoneOffset> sourceTimezone,
    SourceType sourceType) {
  public ReplicationSettings {
    Objects.requireNonNull(changeStreamName, "changeStreamName");
    Objects.requireNonNull(startTimestamp, "startTimestamp");
    Objects.requireNonNull(endTimestamp, "endTimestamp");
    Objects.requireNonNull(windowDuration, "windowDuration");
    Objects.requireNonNull(bufferDirectory, "bufferDirectory");
    Objects.requireNonNull(sessionFile, "sessionFile");
    Objects.requireNonNull(shardsFile, "shardsFile");
    Objects.requireNonNull(filtrationMode, "filtrationMode");
    Objects.requireNonNull(skipDirectoryName, "skipDirectoryName");
    Objects.requireNonNull(sourceTimezone, "sourceTimezone");
    Objects.requireNonNull(sourceType, "sourceType");
    if (startTimestamp.isPresent()
        && endTimestamp.isPresent()
        && endTimestamp.get().compareTo(startTimestamp.get()) < 0) {
      throw new IllegalArgumentException(
          "endTimestamp " + endTimestamp.get() + " is before startTimestamp " + startTimestamp.get());
    }
  }

  /** Settings for MySQL shards. */
  public ReplicationSettings(String changeStreamName, Optional<Timestamp> startTimestamp,
      Optional<Timestamp> endTimestamp, Duration windowDuration, String bufferDirectory,
      Optional<String> sessionFile, String shardsFile, FiltrationMode filtrationMode,
      String skipDirectoryName, Optional<ZoneOffset> sourceTimezone) {
    this(changeStreamName, startTimestamp, endTimestamp, windowDuration, bufferDirectory,
        sessionFile, shardsFile, filtrationMode, skipDirectoryName, sourceTimezone,
        SourceType.MYSQL);
  }
}
