package dev.rr.common.metadata;

import static dev.rr.common.metadata.StructValues.doubleOrNull;
import static dev.rr.common.metadata.StructValues.stringOrNull;
import static dev.rr.common.metadata.StructValues.timestampOrNull;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.KeySet;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Value;
import dev.rr.common.spanner.SpannerRetry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The writer's per-shard progress ({@code shard_file_process_progress}): what has been applied to
 * each shard, the shard's state, lag and last error.
 */
public final class FileProcessProgressDao {
  /** Key part 1: the run identifier. */
  public static final String RUN_ID = "run_id";
  /** Key part 2: the logical shard id. */
  public static final String SHARD = "shard";
  /** End of the last window applied in full (TIMESTAMP). */
  public static final String PROCESSED_UPTO = "processed_upto";
  /** {@link ShardStatus} name. */
  public static final String STATUS = "status";
  /** Commit timestamp of the last applied change (TIMESTAMP, nullable). */
  public static final String LAST_COMMIT_TIMESTAMP = "last_commit_timestamp";
  /** Server transaction id of the last applied change (nullable). */
  public static final String LAST_SERVER_TRANSACTION_ID = "last_server_transaction_id";
  /** Seconds from the last change's commit to its apply (FLOAT64, nullable). */
  public static final String LAG_SECONDS = "lag_seconds";
  /** Change records applied in this run so far (INT64). */
  public static final String RECORDS_APPLIED = "records_applied";
  /** Text of the latest error (nullable). */
  public static final String ERROR = "error";
  /** Buffer JSON line of the record that caused a permanent error (nullable). */
  public static final String ERROR_RECORD = "error_record";
  /** Commit time of the row's latest write (commit-timestamp column). */
  public static final String UPDATED_AT = "updated_at";

  static final List<String> COLUMNS =
      List.of(
          RUN_ID,
          SHARD,
          PROCESSED_UPTO,
          STATUS,
          LAST_COMMIT_TIMESTAMP,
          LAST_SERVER_TRANSACTION_ID,
          LAG_SECONDS,
          RECORDS_APPLIED,
          ERROR,
          ERROR_RECORD,
          UPDATED_AT);

  private final DatabaseClient client;
  private final MetadataTables tables;
  private final SpannerRetry retry;

  /** A DAO on the file-process progress table of {@code tables}. */
  public FileProcessProgressDao(DatabaseClient client, MetadataTables tables) {
    this(client, tables, SpannerRetry.standard());
  }

  /**
   * A DAO that retries transactions rejected for a passing reason by {@code retry}'s policy (use
   * {@link SpannerRetry#forEmulator()} on the emulator).
   */
  public FileProcessProgressDao(DatabaseClient client, MetadataTables tables, SpannerRetry retry) {
    this.client = Objects.requireNonNull(client, "client");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * Stores {@code progress} as the shard's row, unless the stored row has a later {@code
   * processed_upto}: a stale write (a retried bundle, a zombie worker) never moves progress back.
   * {@code progress.updatedAt()} is ignored; the commit timestamp is stored.
   *
   * @return true when written, false when ignored as stale
   */
  public boolean write(ShardProgress progress) {
    Objects.requireNonNull(progress, "progress");
    String table = tables.fileProcessProgress();
    Key key = Key.of(progress.runId(), progress.shard());
    return retry.readWrite(
        client,
        tx -> {
          Struct stored = tx.readRow(table, key, List.of(PROCESSED_UPTO));
          if (stored != null
              && stored.getTimestamp(PROCESSED_UPTO).compareTo(progress.processedUpto()) > 0) {
            return false;
          }
          tx.buffer(row(table, progress));
          return true;
        });
  }

  /** Every shard's progress in {@code runId}, sorted by shard. */
  public SortedMap<String, ShardProgress> read(String runId) {
    SortedMap<String, ShardProgress> byShard = new TreeMap<>();
    try (ResultSet rows =
        client
            .singleUse()
            .read(tables.fileProcessProgress(), KeySet.prefixRange(Key.of(runId)), COLUMNS)) {
      while (rows.next()) {
        ShardProgress progress = toProgress(rows.getCurrentRowAsStruct());
        byShard.put(progress.shard(), progress);
      }
    }
    return Collections.unmodifiableSortedMap(byShard);
  }

  /** One shard's progress, if the writer has recorded any. */
  public Optional<ShardProgress> read(String runId, String shard) {
    Struct row =
        client.singleUse().readRow(tables.fileProcessProgress(), Key.of(runId, shard), COLUMNS);
    return Optional.ofNullable(row).map(FileProcessProgressDao::toProgress);
  }

  /**
   * Sets the status of existing shard rows in one transaction (e.g. {@code REPROCESS} for {@code
   * rr reprocess}); every other column is kept.
   *
   * @return the shards that have no row in this run and were therefore left alone
   */
  public Set<String> setStatus(String runId, Collection<String> shards, ShardStatus status) {
    ShardProgress.requireText(runId, "runId");
    Objects.requireNonNull(status, "status");
    if (shards.isEmpty()) {
      return Set.of();
    }
    String table = tables.fileProcessProgress();
    KeySet.Builder keys = KeySet.newBuilder();
    shards.forEach(shard -> keys.addKey(Key.of(runId, shard)));
    KeySet keySet = keys.build();
    return retry.readWrite(
        client,
        tx -> {
          Set<String> missing = new TreeSet<>(shards);
          List<Mutation> updates = new ArrayList<>();
          try (ResultSet rows = tx.read(table, keySet, List.of(SHARD))) {
            while (rows.next()) {
              String shard = rows.getString(SHARD);
              missing.remove(shard);
              updates.add(
                  Mutation.newUpdateBuilder(table)
                      .set(RUN_ID).to(runId)
                      .set(SHARD).to(shard)
                      .set(STATUS).to(status.name())
                      .set(UPDATED_AT).to(Value.COMMIT_TIMESTAMP)
                      .build());
            }
          }
          tx.buffer(updates);
          return Set.copyOf(missing);
        });
  }

  private static Mutation row(String table, ShardProgress p) {
    return Mutation.newInsertOrUpdateBuilder(table)
        .set(RUN_ID).to(p.runId())
        .set(SHARD).to(p.shard())
        .set(PROCESSED_UPTO).to(p.processedUpto())
        .set(STATUS).to(p.status().name())
        .set(LAST_COMMIT_TIMESTAMP).to(p.lastCommitTimestamp())
        .set(LAST_SERVER_TRANSACTION_ID).to(p.lastServerTransactionId())
        .set(LAG_SECONDS).to(p.lagSeconds())
        .set(RECORDS_APPLIED).to(p.recordsApplied())
        .set(ERROR).to(p.error())
        .set(ERROR_RECORD).to(p.errorRecord())
        .set(UPDATED_AT).to(Value.COMMIT_TIMESTAMP)
        .build();
  }

  private static ShardProgress toProgress(Struct row) {
    return ShardProgress.builder()
        .runId(row.getString(RUN_ID))
        .shard(row.getString(SHARD))
        .processedUpto(row.getTimestamp(PROCESSED_UPTO))
        .status(ShardStatus.parse(row.getString(STATUS)))
        .lastCommitTimestamp(timestampOrNull(row, LAST_COMMIT_TIMESTAMP))
        .lastServerTransactionId(stringOrNull(row, LAST_SERVER_TRANSACTION_ID))
        .lagSeconds(doubleOrNull(row, LAG_SECONDS))
        .recordsApplied(row.getLong(RECORDS_APPLIED))
        .error(stringOrNull(row, ERROR))
        .errorRecord(stringOrNull(row, ERROR_RECORD))
        .updatedAt(row.getTimestamp(UPDATED_AT))
        .build();
  }
}
