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
  /** Window files opened for applying (per shard with {@code _<shard>}). */
  public static final String FILE_READ = "file_read";
  /** Records read from window files (per shard with {@code _<shard>}). */
  public static final String RECORDS_READ = "records_read_from_gcs";
  /** Records whose change was committed to the shard (per shard with {@code _<shard>}). */
  public static final String RECORDS_PROCESSED = "records_processed";
  /** Distribution of seconds from Spanner commit to MySQL commit (per shard with {@code _<shard>}). */
  public static final String REPLICATION_LAG = "replication_lag_in_seconds";
  /** Polls that found the next window not final yet (per shard with {@code _<shard>}). */
  public static final String CREATE_LAG_RETRY = "metadata_file_create_lag_retry";
  /** MySQL transactions rolled back for a transient error and retried (per shard). */
  public static final String MYSQL_RETRY = "mySQL_retry";
  /** Records a checkpoint already covered. */
  public static final String RECORDS_ALREADY_APPLIED = "records_already_applied";
  /** Shards stopped by a permanent error. */
  public static final String SHARD_ERRORS = "shard_errors";

  private final Counter fileRead;
  private final Counter recordsRead;
  private final Counter recordsProcessed;
  private final Distribution lag;
  private final Counter createLagRetry;
  private final Counter mySqlRetry;

  public BeamShardMetrics(String shard) {
    this.fileRead = counter(FILE_READ + "_" + shard);
    this.recordsRead = counter(RECORDS_READ + "_" + shard);
    this.recordsProcessed = counter(RECORDS_PROCESSED + "_" + shard);
    this.lag = Metrics.distribution(NAMESPACE, REPLICATION_LAG + "_" + shard);
    this.createLagRetry = counter(CREATE_LAG_RETRY + "_" + shard);
    this.mySqlRetry = counter(MYSQL_RETRY + "_" + shard);
  }

  private static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  @Override
  public void fileRead() {
    fileRead.inc();
    counter(FILE_READ).inc();
  }

  @Override
  public void recordsRead(long count) {
    recordsRead.inc(count);
    counter(RECORDS_READ).inc(count);
  }

  @Override
  public void recordsProcessed(long count) {
    recordsProcessed.inc(count);
    counter(RECORDS_PROCESSED).inc(count);
  }

  @Override
  public void recordsAlreadyApplied(long count) {
    counter(RECORDS_ALREADY_APPLIED).inc(count);
  }

  @Override
  public void recordsSkipped(SkipReason reason, long count) {
    counter("records_" + reason.name().toLowerCase(Locale.ROOT)).inc(count);
  }

  @Override
  public void replicationLagSeconds(long seconds) {
    lag.update(seconds);
    Metrics.distribution(NAMESPACE, REPLICATION_LAG).update(seconds);
  }

  @Override
  public void fileCreateLagRetry() {
    createLagRetry.inc();
    counter(CREATE_LAG_RETRY).inc();
  }

  @Override
  public void mySqlRetry() {
    mySqlRetry.inc();
    counter(MYSQL_RETRY).inc();
  }

  @Override
  public void shardFailed() {
    counter(SHARD_ERRORS).inc();
  }
}
