package dev.rr.reader.options;

import dev.rr.common.config.ConfigException;
import dev.rr.common.config.ReaderConfig;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;

/** Parses {@link ReaderOptions} into a {@link ReaderConfig}, once, at the pipeline's edge. */
public final class ReaderConfigs {
  private ReaderConfigs() {}

  /**
   * The typed configuration of {@code options}. Empty option values count as unset (flex
   * templates pass unset parameters as empty strings); {@code spannerProjectId} falls back to the
   * pipeline's GCP project.
   *
   * @throws ConfigException listing every invalid option
   */
  public static ReaderConfig fromOptions(ReaderOptions options) {
    String project = given(options.getSpannerProjectId());
    if (project == null) {
      project = given(options.as(GcpOptions.class).getProject());
    }
    return ReaderConfig.builder()
        .changeStreamName(given(options.getChangeStreamName()))
        .instanceId(given(options.getInstanceId()))
        .databaseId(given(options.getDatabaseId()))
        .spannerProjectId(project)
        .metadataInstance(given(options.getMetadataInstance()))
        .metadataDatabase(given(options.getMetadataDatabase()))
        .startTimestamp(given(options.getStartTimestamp()))
        .endTimestamp(given(options.getEndTimestamp()))
        .sessionFilePath(given(options.getSessionFilePath()))
        .sourceType(given(options.getSourceType()))
        .windowDuration(given(options.getWindowDuration()))
        .gcsOutputDirectory(given(options.getGcsOutputDirectory()))
        .filtrationMode(given(options.getFiltrationMode()))
        .sourceShardsFilePath(given(options.getSourceShardsFilePath()))
        .metadataTableSuffix(given(options.getMetadataTableSuffix()))
        .skipDirectoryName(given(options.getSkipDirectoryName()))
        .runIdentifier(given(options.getRunIdentifier()))
        .runMode(given(options.getRunMode()))
        .shardingCustomJarPath(given(options.getShardingCustomJarPath()))
        .shardingCustomClassName(given(options.getShardingCustomClassName()))
        .shardingCustomParameters(given(options.getShardingCustomParameters()))
        .spannerHost(given(options.getSpannerHost()))
        .spannerEmulatorHost(given(options.getSpannerEmulatorHost()))
        .rpcPriority(given(options.getRpcPriority()))
        .lowLatency(given(options.getLowLatency()))
        .build();
  }

  /** An option's value, or null when it was not given or given empty. */
  private static String given(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
