package dev.rr.reader.dao;

import com.google.api.gax.retrying.RetrySettings;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.config.ReaderConfig.DatabaseRef;
import java.time.Duration;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/**
 * Beam {@link SpannerConfig}s of a reader run: the change stream's database and the metadata
 * database, both pointed at the emulator or a custom endpoint when configured (Beam needs {@code
 * withEmulatorHost}; the environment variable alone is not enough).
 */
public final class SpannerConfigs {
  /**
   * How the change-stream connector retries the Commit RPC of its partition-metadata
   * transactions. The connector makes ABORTED retryable for every RPC, so with its defaults an
   * aborted metadata transaction has its Commit sent again and again, with the same transaction
   * id, for up to 60 s: an aborted transaction can never commit, so this only delays the retry of
   * the whole transaction, and holds the partition (on the DirectRunner, the whole reader) for
   * that long. Three attempts within about a second still ride out a brief UNAVAILABLE; after
   * that the Spanner client retries the whole transaction with a new one.
   */
  static final RetrySettings METADATA_COMMIT_RETRIES =
      RetrySettings.newBuilder()
          .setMaxAttempts(3)
          .setInitialRetryDelayDuration(Duration.ofMillis(250))
          .setRetryDelayMultiplier(2.0)
          .setMaxRetryDelayDuration(Duration.ofSeconds(1))
          .setInitialRpcTimeoutDuration(Duration.ofSeconds(60))
          .setRpcTimeoutMultiplier(1.0)
          .setMaxRpcTimeoutDuration(Duration.ofSeconds(60))
          .setTotalTimeoutDuration(Duration.ofSeconds(60))
          .build();

  private SpannerConfigs() {}

  /**
   * The database whose change stream is read. The connector derives its metadata database's
   * config from this one, including {@link #METADATA_COMMIT_RETRIES} (only metadata transactions
   * commit).
   */
  public static SpannerConfig data(ReaderConfig config) {
    return of(config, config.database()).withCommitRetrySettings(METADATA_COMMIT_RETRIES);
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
