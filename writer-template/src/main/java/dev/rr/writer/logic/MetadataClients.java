package dev.rr.writer.logic;

import com.google.cloud.NoCredentials;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerOptions;
import dev.rr.common.config.WriterConfig;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.spanner.SpannerRetry;

/** Spanner clients for the metadata database, as the writer's configuration says. */
public final class MetadataClients {
  private MetadataClients() {}

  /** A Spanner client for the metadata project (emulator or endpoint as configured). */
  public static Spanner spanner(WriterConfig config) {
    SpannerOptions.Builder options =
        SpannerOptions.newBuilder()
            .setProjectId(config.metadataDatabase().projectId())
            .setBuiltInMetricsEnabled(false);
    config.spannerEmulatorHost().ifPresent(host ->
        options.setEmulatorHost(host).setCredentials(NoCredentials.getInstance()));
    config.spannerHost().ifPresent(options::setHost);
    return options.build().getService();
  }

  /** The metadata database. */
  public static DatabaseId databaseId(WriterConfig config) {
    WriterConfig.DatabaseRef ref = config.metadataDatabase();
    return DatabaseId.of(ref.projectId(), ref.instanceId(), ref.databaseId());
  }

  /** The metadata table names, with the configured suffix. */
  public static MetadataTables tables(WriterConfig config) {
    return MetadataTables.of(config.metadataTableSuffix());
  }

  /**
   * How metadata transactions retry: the emulator rejects overlapping transactions with codes
   * real Spanner does not use for them.
   */
  public static SpannerRetry retry(WriterConfig config) {
    return SpannerRetry.forEmulatorHost(config.spannerEmulatorHost().orElse(null));
  }
}
