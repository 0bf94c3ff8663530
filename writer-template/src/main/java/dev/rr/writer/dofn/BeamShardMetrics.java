package dev.rr.writer.dofn;

import dev.rr.writer.logic.ChangeMapper.SkipReason;
import dev.rr.writer.logic.ShardMetrics;
import java.io.Serializable;
import java.util.Locale;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * A shard's {@link ShardMetrics} as Beam metrics in namespace {@value #NAMESPACE}: per shard
 * {@code file_read_<shard>}, {@code records_read_from_gcs_<shard>}, {@code
 * records_processed_<shard>}, {@code replication_lag_in_seconds_<shard>} (distribution), {@code
 * metadata_file_create_lag_retry_<shard>}, {@code mySQL_retry_<shard>}, and the same names without
 * the shard suffix summed over all shards, plus the aggregate-only {@code
 * records_already_applied}, {@code records_filtered}, {@code records_unmapped_table} and {@code
 * shard_errors}.
 */
public final class BeamShardMetrics implements ShardMetrics, Serializable {
  private static final long serialVersionUID = 1L;

  /** Namespace of every writer metric. */
  public static final String NAMESPACE = "rr_writer";

  private final Counter fileRead;
  private final Counter recordsRead;
  private final Counter recordsProcessed;
  private final Distribution lag;
  private final Counter createLagRetry;
  private final Counter mySqlRetry;

  public BeamShardMetrics(String shard) {
    this.fileRead = counter("file_read_" + shard);
    this.recordsRead = counter("records_read_from_gcs_" + shard);
    this.recordsProcessed = counter("records_processed_" + shard);
    this.lag = Metrics.distribution(NAMESPACE, "replication_lag_in_seconds_" + shard);
    this.createLagRetry = counter("metadata_file_create_lag_retry_" + shard);
    this.mySqlRetry = counter("mySQL_retry_" + shard);
  }

  private static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  @Override
  public void fileRead() {
    fileRead.inc();
    counter("file_read").inc();
  }

  @Override
  public void recordsRead(long count) {
    recordsRead.inc(count);
    counter("records_read_from_gcs").inc(count);
  }

  @Override
  public void recordsProcessed(long count) {
    recordsProcessed.inc(count);
    counter("records_processed").inc(count);
  }

  @Override
  public void recordsAlreadyApplied(long count) {
    counter("records_already_applied").inc(count);
  }

  @Override
  public void recordsSkipped(SkipReason reason, long count) {
    counter("records_" + reason.name().toLowerCase(Locale.ROOT)).inc(count);
  }

  @Override
  public void replicationLagSeconds(long seconds) {
    lag.update(seconds);
    Metrics.distribution(NAMESPACE, "replication_lag_in_seconds").update(seconds);
  }

  @Override
  public void fileCreateLagRetry() {
    createLagRetry.inc();
    counter("metadata_file_create_lag_retry").inc();
  }

  @Override
  public void mySqlRetry() {
    mySqlRetry.inc();
    counter("mySQL_retry").inc();
  }

  @Override
  public void shardFailed() {
    counter("shard_errors").inc();
  }
}
