package dev.rr.launcher.launch;

import dev.rr.launcher.spanner.MetadataTarget;
import dev.rr.launcher.spanner.SpannerTarget;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code rr launch} needs, parsed and validated once.
 *
 * @param run what to start and how
 * @param source the replicated Spanner database
 * @param metadata the metadata database and table suffix
 * @param replication change stream, time range, windows, buffer and input files
 * @param customCode custom shard-id fetcher and transformation
 * @param dataflow Dataflow settings; empty for the DirectRunner
 * @param extraReaderParameters further reader pipeline options, passed as given
 * @param extraWriterParameters further writer pipeline options, passed as given
 */
public record LaunchConfig(
    RunSettings run,
    SpannerTarget source,
    MetadataTarget metadata,
    ReplicationSettings replication,
    CustomCode customCode,
    Optional<DataflowSettings> dataflow,
    Map<String, String> extraReaderParameters,
    Map<String, String> extraWriterParameters) {
  public LaunchConfig {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(replication, "replication");
    Objects.requireNonNull(customCode, "customCode");
    Objects.requireNonNull(dataflow, "dataflow");
    extraReaderParameters = Map.copyOf(extraReaderParameters);
    extraWriterParameters = Map.copyOf(extraWriterParameters);
    if (run.runner() == Runner.DATAFLOW && dataflow.isEmpty()) {
      throw new IllegalArgumentException("runner dataflow needs the Dataflow settings");
    }
  }

  /** The same launch with other run settings (for resume / retry / reprocess commands). */
  public LaunchConfig withRun(RunSettings otherRun) {
    return new LaunchConfig(
        otherRun, source, metadata, replication, customCode, dataflow,
        extraReaderParameters, extraWriterParameters);
  }
}
