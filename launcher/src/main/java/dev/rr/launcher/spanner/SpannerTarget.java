package dev.rr.launcher.spanner;

import java.util.Objects;
import java.util.Optional;

/**
 * One Spanner database and how to reach it.
 *
 * @param projectId Google Cloud project of the instance
 * @param instanceId instance id
 * @param databaseId database id
 * @param host custom Spanner endpoint (e.g. a regional endpoint), empty for the default
 * @param emulatorHost {@code host:port} of a Spanner emulator, empty for real Spanner
 */
public record SpannerTarget(
    String projectId,
    String instanceId,
    String databaseId,
    Optional<String> host,
    Optional<String> emulatorHost) {
  public SpannerTarget {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(databaseId, "databaseId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(emulatorHost, "emulatorHost");
  }

  /** The same instance and endpoint, another database. */
  public SpannerTarget withDatabase(String otherInstanceId, String otherDatabaseId) {
    return new SpannerTarget(projectId, otherInstanceId, otherDatabaseId, host, emulatorHost);
  }

  /** True when this target is a Spanner emulator. */
  public boolean isEmulator() {
    return emulatorHost.isPresent();
  }

  @Override
  public String toString() {
    return "projects/" + projectId + "/instances/" + instanceId + "/databases/" + databaseId
        + emulatorHost.map(h -> " (emulator " + h + ")").orElse("");
  }
}
