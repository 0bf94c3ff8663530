package dev.rr.common.metadata;

import java.util.Arrays;
import java.util.Locale;

/**
 * State of one shard in the writer, stored by name in {@code shard_file_process_progress.status}.
 */
public enum ShardStatus {
  /** The shard is applying windows normally; its last window was applied. */
  SUCCESS,
  /** A transient error (e.g. the shard is unreachable) is being retried; progress is stalled. */
  RETRYING,
  /** A permanent error stopped this shard; the error and offending record are stored. */
  ERROR,
  /** An operator asked for the shard to be reprocessed by a writer in {@code reprocess} mode. */
  REPROCESS;

  /**
   * The status named {@code value}, ignoring case.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static ShardStatus parse(String value) {
    if (value != null) {
      String normalized = value.strip().toUpperCase(Locale.ROOT);
      for (ShardStatus status : values()) {
        if (status.name().equals(normalized)) {
          return status;
        }
      }
    }
    throw new IllegalArgumentException(
        "shard status "
            + (value == null ? "null" : "'" + value + "'")
            + " is not one of "
            + Arrays.toString(values()));
  }
}
