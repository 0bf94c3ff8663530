package dev.rr.writer.options;

import dev.rr.common.config.ConfigException;
import dev.rr.common.config.WriterConfig;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;

/** Parses {@link WriterOptions} into a {@link WriterConfig}, once, at the pipeline's edge. */
public final class WriterConfigs {
  private WriterConfigs() {}

  /**
   * The typed configuration of {@code options}. Empty option values count as unset (flex
   * templates pass unset parameters as empty strings); {@code spannerProjectId} falls back to the
   * pipeline's GCP project.
   *
   * @throws ConfigException listing every invalid option
   */
  public static WriterConfig fromOptions(WriterOptions options) {
    String project = given(options.getSpannerProjectId());
    if (project == null) {
      project = given(options.as(GcpOptions.class).getProject());
    }
    return WriterConfig.builder()
        .sourceShardsFilePath(given(options.getSourceShardsFilePath()))
        .sessionFilePath(given(options.getSessionFilePath()))
        .sourceType(given(options.getSourceType()))
        .sourceDbTimezoneOffset(given(options.getSourceDbTimezoneOffset()))
        .bufferDirectory(given(options.getGCSInputDirectoryPath()))
        .spannerProjectId(project)
        .metadataInstance(given(options.getMetadataInstance()))
        .metadataDatabase(given(options.getMetadataDatabase()))
        .metadataTableSuffix(given(options.getMetadataTableSuffix()))
        .runIdentifier(given(options.getRunIdentifier()))
        .runMode(given(options.getRunMode()))
        .startTimestamp(given(options.getStartTimestamp()))
        .endTimestamp(given(options.getEndTimestamp()))
        .windowDuration(given(options.getWindowDuration()))
        .transformationJarPath(given(options.getTransformationJarPath()))
        .transformationClassName(given(options.getTransformationClassName()))
        .transformationCustomParameters(given(options.getTransformationCustomParameters()))
        .maxShardConnections(given(options.getMaxShardConnections()))
        .batchSize(given(options.getBatchSize()))
        .pollInterval(given(options.getPollInterval()))
        .spannerHost(given(options.getSpannerHost()))
        .spannerEmulatorHost(given(options.getSpannerEmulatorHost()))
        .build();
  }

  /** An option's value, or null when it was not given or given empty. */
  private static String given(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
