package dev.rr.launcher.spanner;

import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerOptions;
import dev.rr.common.metadata.MetadataStore;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.spanner.SpannerRetry;

/** Opens Spanner clients for a {@link SpannerTarget}: real Spanner, a custom endpoint or the emulator. */
public final class SpannerClients {
  private SpannerClients() {}

  /**
   * A Spanner service for {@code target}'s project and endpoint; close it when done.
   *
   * @throws IllegalStateException within seconds when the endpoint cannot be reached
   */
  public static Spanner open(SpannerTarget target) {
    SpannerEndpoint.of(target).requireReachable();
    SpannerOptions.Builder options = SpannerOptions.newBuilder()
        .setProjectId(target.projectId())
        // The launcher must not try to reach Google's monitoring endpoint (see ENVIRONMENT.md).
        .setBuiltInMetricsEnabled(false);
    target.emulatorHost().ifPresent(options::setEmulatorHost);
    target.host().ifPresent(options::setHost);
    return options.build().getService();
  }

  /** The database id of {@code target}. */
  public static DatabaseId databaseId(SpannerTarget target) {
    return DatabaseId.of(target.projectId(), target.instanceId(), target.databaseId());
  }

  /** The metadata store of {@code target}, opened with {@code spanner}'s clients. */
  public static MetadataStore metadata(Spanner spanner, MetadataTarget target) {
    return MetadataStore.connect(spanner, databaseId(target.database()),
        MetadataTables.of(target.tableSuffix()),
        SpannerRetry.forEmulatorHost(target.database().emulatorHost().orElse(null)));
  }
}
