package dev.rr.common.metadata;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.KeySet;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.ReadContext;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Value;
import dev.rr.common.spanner.SpannerRetry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reader's per-shard progress ({@code shard_file_create_progress}): how far each shard's
 * window files are final. {@code created_upto} only ever advances; an older value is ignored.
 */
public final class FileCreateProgressDao {
  /** Key part 1: the run identifier. */
  public static final String RUN_ID = "run_id";
  /** Key part 2: the logical shard id. */
  public static final String SHARD = "shard";
  /**
   * End of the latest window such that every window of the shard ending at or before it is final
   * (TIMESTAMP).
   */
  public static final String CREATED_UPTO = "created_upto";
  /** Commit time of the latest advance (commit-timestamp column). */
  public static final String UPDATED_AT = "updated_at";

  private static final List<String> COLUMNS = List.of(SHARD, CREATED_UPTO);

  private final DatabaseClient client;
  private final MetadataTables tables;
  private final SpannerRetry retry;

  /** A DAO on the file-create progress table of {@code tables}. */
  public FileCreateProgressDao(DatabaseClient client, MetadataTables tables) {
    this(client, tables, SpannerRetry.standard());
  }

  /**
   * A DAO that retries transactions rejected for a passing reason by {@code retry}'s policy (use
   * {@link SpannerRetry#forEmulator()} on the emulator).
   */
  public FileCreateProgressDao(DatabaseClient client, MetadataTables tables, SpannerRetry retry) {
    this.client = Objects.requireNonNull(client, "client");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * Advances {@code shard}'s {@code created_upto} to {@code createdUpto}, unless it already is at
   * or past it.
   *
   * @return true when the stored value moved forward (or the row was created)
   */
  public boolean setCreatedUpto(String runId, String shard, Timestamp createdUpto) {
    return !setCreatedUpto(runId, Map.of(shard, createdUpto)).isEmpty();
  }

  /**
   * Advances several shards in one read-write transaction: each shard's value becomes the later
   * of the stored and the given timestamp.
   *
   * @return the shards whose stored value moved forward (or whose row was created)
   */
  public Set<String> setCreatedUpto(String runId, Map<String, Timestamp> createdUptoByShard) {
    ShardProgress.requireText(runId, "runId");
    createdUptoByShard.forEach(
        (shard, createdUpto) -> {
          ShardProgress.requireText(shard, "shard");
          Objects.requireNonNull(createdUpto, "createdUpto of shard " + shard);
        });
    if (createdUptoByShard.isEmpty()) {
      return Set.of();
    }
    String table = tables.fileCreateProgress();
    KeySet.Builder keys = KeySet.newBuilder();
    createdUptoByShard.keySet().forEach(shard -> keys.addKey(Key.of(runId, shard)));
    KeySet keySet = keys.build();
    return retry.readWrite(
        client,
        tx -> {
          // Built afresh on every attempt: the transaction runner repeats this on ABORTED.
          SortedMap<String, Timestamp> stored = read(tx, table, keySet);
          List<Mutation> advances = new ArrayList<>();
          Set<String> advanced = new TreeSet<>();
          for (Map.Entry<String, Timestamp> update : createdUptoByShard.entrySet()) {
            Timestamp current = stored.get(update.getKey());
            if (current == null || current.compareTo(update.getValue()) < 0) {
              advances.add(row(table, runId, update.getKey(), update.getValue()));
              advanced.add(update.getKey());
            }
          }
          tx.buffer(advances);
          return Set.copyOf(advanced);
        });
  }

  /** Every shard's {@code created_upto} in {@code runId}, sorted by shard. */
  public SortedMap<String, Timestamp> createdUpto(String runId) {
    KeySet runRows = KeySet.prefixRange(Key.of(runId));
    return read(client.singleUse(), tables.fileCreateProgress(), runRows);
  }

  /** One shard's {@code created_upto}, if the reader has recorded any. */
  public Optional<Timestamp> createdUpto(String runId, String shard) {
    Struct row =
        client
            .singleUse()
            .readRow(tables.fileCreateProgress(), Key.of(runId, shard), List.of(CREATED_UPTO));
    return Optional.ofNullable(row).map(r -> r.getTimestamp(CREATED_UPTO));
  }

  private static SortedMap<String, Timestamp> read(
      ReadContext context, String table, KeySet keys) {
    SortedMap<String, Timestamp> byShard = new TreeMap<>();
    try (ResultSet rows = context.read(table, keys, COLUMNS)) {
      while (rows.next()) {
        byShard.put(rows.getString(SHARD), rows.getTimestamp(CREATED_UPTO));
      }
    }
    return Collections.unmodifiableSortedMap(byShard);
  }

  private static Mutation row(String table, String runId, String shard, Timestamp createdUpto) {
    return Mutation.newInsertOrUpdateBuilder(table)
        .set(RUN_ID).to(runId)
        .set(SHARD).to(shard)
        .set(CREATED_UPTO).to(createdUpto)
        .set(UPDATED_AT).to(Value.COMMIT_TIMESTAMP)
        .build();
  }
}
