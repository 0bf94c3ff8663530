package dev.rr.writer.logic;

import dev.rr.common.config.WriterConfig;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceTimezone;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A writer run as the bootstrap resolved it: the configuration plus what came from the run
 * metadata and the input files. It travels into the pipeline's steps; it holds no secrets (shard
 * passwords are resolved on the workers).
 *
 * @param config the writer's configuration
 * @param launchId unique per pipeline launch, to tell this launch's workers from earlier ones
 * @param bufferDirectory root of the buffer
 * @param start changes committed before it are not applied
 * @param end the last commit timestamp to apply (inclusive), null for an open-ended run
 * @param windowDuration the run's window length
 * @param shards the logical shards this launch applies, as the run mode selected them
 * @param schema Spanner-to-source table and column mapping
 */
public record WriterPlan(
    WriterConfig config,
    String launchId,
    String bufferDirectory,
    Instant start,
    Instant end,
    Duration windowDuration,
    List<String> shards,
    SchemaMapping schema)
    implements Serializable {

  public WriterPlan {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(launchId, "launchId");
    Objects.requireNonNull(bufferDirectory, "bufferDirectory");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(windowDuration, "windowDuration");
    Objects.requireNonNull(schema, "schema");
    shards = List.copyOf(shards);
  }

  /**
   * The source databases' time zone offset: the {@code sourceDbTimezoneOffset} option, else the
   * session file's {@code TimezoneOffset}, else UTC ({@link SourceTimezone}).
   */
  public ZoneOffset sourceTimezone() {
    return SourceTimezone.resolve(config.sourceDbTimezoneOffset(), schema);
  }

  /** The end, when the run has one. */
  public Optional<Instant> endTimestamp() {
    return Optional.ofNullable(end);
  }
}
