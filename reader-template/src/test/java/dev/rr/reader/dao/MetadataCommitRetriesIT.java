package dev.rr.reader.dao;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.Struct;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.local.SpannerEmulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.io.gcp.spanner.SpannerAccessor;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.MetadataSpannerConfigFactory;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableSet;
import org.junit.jupiter.api.Test;

/**
 * The change-stream connector's metadata transactions, with the reader's Spanner config, against
 * an emulator that aborts commits at random ({@code --enable_fault_injection}): every aborted
 * transaction is retried as a whole within seconds.
 *
 * <p>With Beam's defaults the connector sends the Commit of an aborted transaction again (ABORTED
 * is retryable for every RPC) for up to 60 s, and on this emulator each re-sent Commit is aborted
 * too: one such transaction held the whole local reader for about a minute.
 */
class MetadataCommitRetriesIT {
  private static final String PROJECT = "rr-retries";
  private static final String INSTANCE = "rr-retries";
  private static final String DATABASE = "meta";
  private static final int WANTED_ABORTS = 3;
  private static final int MAX_TRANSACTIONS = 600;
  private static final Duration SLOWEST_ALLOWED = Duration.ofSeconds(15);

  @Test
  void shouldRetryAnAbortedMetadataTransactionAsAWholeWithinSeconds() throws Exception {
    try (SpannerEmulator faulty = SpannerEmulator.start(List.of("--enable_fault_injection"));
        Spanner admin = SpannerEmulator.connect(faulty.hostPort(), PROJECT)) {
      SpannerEmulator.createInstance(admin, PROJECT, INSTANCE);
      admin.getDatabaseAdminClient()
          .createDatabase(INSTANCE, DATABASE, List.of(
              "CREATE TABLE Partitions (Token STRING(64) NOT NULL, Watermark INT64 NOT NULL)"
                  + " PRIMARY KEY (Token)"))
          .get(1, TimeUnit.MINUTES);
      admin.getDatabaseClient(DatabaseId.of(PROJECT, INSTANCE, DATABASE))
          .write(List.of(Mutation.newInsertBuilder("Partitions")
              .set("Token").to("p").set("Watermark").to(0L).build()));

      // What the connector builds from the reader's config: its default retryable codes (set when
      // none are given), then the metadata database's config derived from that.
      SpannerConfig data = SpannerConfigs.data(config(faulty.hostPort()))
          .withRetryableCodes(ImmutableSet.of(Code.UNAVAILABLE, Code.ABORTED));
      SpannerConfig metadata = MetadataSpannerConfigFactory.create(data, INSTANCE, DATABASE);
      SpannerAccessor accessor = SpannerAccessor.getOrCreate(metadata);
      try {
        DatabaseClient client = accessor.getDatabaseClient();
        AtomicInteger attempts = new AtomicInteger();
        int transactions = 0;
        Duration slowest = Duration.ZERO;
        while (attempts.get() - transactions < WANTED_ABORTS && transactions < MAX_TRANSACTIONS) {
          long started = System.nanoTime();
          // Like the connector's watermark update: read the row, then buffer its new value.
          client.readWriteTransaction().run(transaction -> {
            attempts.incrementAndGet();
            Struct row = transaction.readRow("Partitions", Key.of("p"), List.of("Watermark"));
            transaction.buffer(Mutation.newUpdateBuilder("Partitions")
                .set("Token").to("p").set("Watermark").to(row.getLong("Watermark") + 1).build());
            return null;
          });
          transactions++;
          Duration took = Duration.ofNanos(System.nanoTime() - started);
          slowest = took.compareTo(slowest) > 0 ? took : slowest;
        }
        int aborted = attempts.get() - transactions;
        assertTrue(aborted > 0, "the emulator aborted none of " + transactions + " transactions");
        assertTrue(slowest.compareTo(SLOWEST_ALLOWED) < 0, "slowest of " + transactions
            + " transactions (" + aborted + " attempts aborted) took " + slowest);
      } finally {
        accessor.close();
      }
    }
  }

  private static ReaderConfig config(String emulatorHost) {
    return ReaderConfig.builder()
        .spannerProjectId(PROJECT).instanceId(INSTANCE).databaseId("data")
        .metadataDatabase(DATABASE).changeStreamName("cs").spannerEmulatorHost(emulatorHost)
        .gcsOutputDirectory("/buffer").sourceShardsFilePath("/shards.json")
        .startTimestamp("2024-01-01T00:00:00Z").runIdentifier("run1").build();
  }
}
