package dev.rr.reader.dao;

import com.google.cloud.Timestamp;
import dev.rr.common.metadata.FileCreateProgressDao;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.reader.logic.ProgressSink;
import dev.rr.reader.logic.ProgressUpdate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.gcp.spanner.SpannerAccessor;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code created_upto} to {@code shard_file_create_progress}: all shards of one window
 * end in one transaction; the DAO never moves a value back.
 */
public final class MetadataProgressSink implements ProgressSink {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataProgressSink.class);

  private final SpannerAccessor accessor;
  private final FileCreateProgressDao dao;
  private final String runId;

  private MetadataProgressSink(
      SpannerAccessor accessor, MetadataTables tables, String runId, SpannerRetry retry) {
    this.accessor = accessor;
    this.dao = new FileCreateProgressDao(accessor.getDatabaseClient(), tables, retry);
    this.runId = runId;
  }

  /** Sinks writing run {@code runId}'s progress to {@code tables} of the {@code metadata} database. */
  public static ProgressSink.Factory factory(
      SpannerConfig metadata, MetadataTables tables, String runId) {
    // The emulator rejects overlapping transactions with codes real Spanner does not use.
    String emulatorHost =
        metadata.getEmulatorHost() == null ? null : metadata.getEmulatorHost().get();
    return () -> new MetadataProgressSink(SpannerAccessor.getOrCreate(metadata), tables, runId,
        SpannerRetry.forEmulatorHost(emulatorHost));
  }

  @Override
  public void publish(List<ProgressUpdate> updates) {
    Map<String, Timestamp> byShard = new LinkedHashMap<>();
    for (ProgressUpdate update : updates) {
      byShard.put(update.shard(), Timestamp.ofTimeSecondsAndNanos(
          update.createdUpto().getEpochSecond(), update.createdUpto().getNano()));
    }
    dao.setCreatedUpto(runId, byShard);
    LOG.info("[run={}] created_upto {} for {} shards", runId,
        updates.isEmpty() ? "-" : updates.get(0).createdUpto(), updates.size());
  }

  @Override
  public Optional<Instant> published(String shard) {
    return dao.createdUpto(runId, shard)
        .map(at -> Instant.ofEpochSecond(at.getSeconds(), at.getNanos()));
  }

  @Override
  public void close() {
    accessor.close();
  }
}
