package dev.rr.testing;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Spanner;
import dev.rr.common.spanner.SpannerRetry;
import java.util.Arrays;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;

/** One fresh emulator database made by {@link SpannerEmulatorExtension#newDatabase}, with its clients. */
public final class SpannerTestDatabase {

  private final Spanner spanner;
  private final String emulatorHost;
  private final DatabaseId id;

  SpannerTestDatabase(Spanner spanner, String emulatorHost, String projectId, String instanceId, String databaseId) {
    this.spanner = spanner;
    this.emulatorHost = emulatorHost;
    this.id = DatabaseId.of(projectId, instanceId, databaseId);
  }

  public String emulatorHost() {
    return emulatorHost;
  }

  public String projectId() {
    return id.getInstanceId().getProject();
  }

  public String instanceId() {
    return id.getInstanceId().getInstance();
  }

  public String databaseId() {
    return id.getDatabase();
  }

  public DatabaseId id() {
    return id;
  }

  public DatabaseClient client() {
    return spanner.getDatabaseClient(id);
  }

  public DatabaseAdminClient adminClient() {
    return spanner.getDatabaseAdminClient();
  }

  /** Beam's connector configuration for this database on the emulator. */
  public SpannerConfig spannerConfig() {
    return SpannerConfig.create()
        .withEmulatorHost(StaticValueProvider.of(emulatorHost))
        .withProjectId(projectId())
        .withInstanceId(instanceId())
        .withDatabaseId(databaseId());
  }

  /** Applies {@code ddl}, retrying what the emulator rejects while it is busy. */
  public void updateDdl(String... ddl) {
    SpannerRetry.forEmulator().updateDdl(adminClient(), instanceId(), databaseId(), Arrays.asList(ddl));
  }

  /** Applies {@code mutations} in one transaction (retried like {@link #updateDdl}); its commit timestamp. */
  public Timestamp write(Mutation... mutations) {
    return SpannerRetry.forEmulator().write(client(), Arrays.asList(mutations));
  }

  @Override
  public String toString() {
    return id + " on " + emulatorHost;
  }
}
