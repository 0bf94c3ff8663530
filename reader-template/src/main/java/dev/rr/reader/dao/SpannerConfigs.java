package dev.rr.reader.dao;

import dev.rr.common.config.ReaderConfig;
import dev.rr.common.config.ReaderConfig.DatabaseRef;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/**
 * Beam {@link SpannerConfig}s of a reader run: the change stream's database and the metadata
 * database, both pointed at the emulator or a custom endpoint when configured (Beam needs {@code
 * withEmulatorHost}; the environment variable alone is not enough).
 */
public final class SpannerConfigs {
  private SpannerConfigs() {}

  /** The database whose change stream is read. */
  public static SpannerConfig data(ReaderConfig config) {
    return of(config, config.database());
  }

  /** The metadata database. */
  public static SpannerConfig metadata(ReaderConfig config) {
    return of(config, config.metadataDatabase());
  }

  private static SpannerConfig of(ReaderConfig config, DatabaseRef database) {
    SpannerConfig spanner =
        SpannerConfig.create()
            .withProjectId(database.projectId())
            .withInstanceId(database.instanceId())
            .withDatabaseId(database.databaseId())
            .withRpcPriority(config.rpcPriority());
    if (config.spannerEmulatorHost().isPresent()) {
      spanner = spanner.withEmulatorHost(StaticValueProvider.of(config.spannerEmulatorHost().get()));
    }
    if (config.spannerHost().isPresent()) {
      spanner = spanner.withHost(StaticValueProvider.of(config.spannerHost().get()));
    }
    return spanner;
  }
}
