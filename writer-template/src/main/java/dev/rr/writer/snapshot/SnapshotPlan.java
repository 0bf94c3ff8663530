package dev.rr.writer.snapshot;

import com.google.cloud.Timestamp;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.schema.SchemaMapping;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One snapshot as its bootstrap resolved it; it travels into the pipeline's steps and holds no
 * secrets (shard passwords are resolved on the workers).
 *
 * @param runId the run the snapshot starts (its checkpoints and chunk rows are keyed by it)
 * @param snapshot the snapshot timestamp T: every table is read at exactly T
 * @param shardsFilePath the shards file
 * @param shardIds the logical shard ids of the shards file, in its order
 * @param schema Spanner-to-source mapping (the session file, or identity)
 * @param sourceTimezone the source databases' time zone offset
 * @param maxRowsPerStatement most rows one upsert writes
 * @param chunkCounts chunks per Spanner table (every mapped table has an entry)
 * @param resyncShard the one shard an {@code rr resync} loads, or null for an initial snapshot of
 *     every shard (see {@link #resyncOnly})
 * @param sourceType the kind of database every shard of the shards file is
 */
public record SnapshotPlan(
    String runId,
    Timestamp snapshot,
    String shardsFilePath,
    List<String> shardIds,
    SchemaMapping schema,
    ZoneOffset sourceTimezone,
    int maxRowsPerStatement,
    Map<String, Integer> chunkCounts,
    String resyncShard,
    SourceType sourceType)
    implements Serializable {

  /** Appended to the run id in a resync's chunk rows, apart from the run's initial snapshot. */
  public static final String RESYNC_CHUNKS = "#resync";

  public SnapshotPlan {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(shardsFilePath, "shardsFilePath");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(sourceTimezone, "sourceTimezone");
    Objects.requireNonNull(sourceType, "sourceType");
    shardIds = List.copyOf(shardIds);
    chunkCounts = Map.copyOf(chunkCounts);
    if (resyncShard != null && !shardIds.contains(resyncShard)) {
      throw new IllegalArgumentException("shard " + resyncShard + " is not in " + shardsFilePath
          + ": " + shardIds);
    }
  }

  /** An initial snapshot of every shard of type {@code sourceType}. */
  public SnapshotPlan(String runId, Timestamp snapshot, String shardsFilePath,
      List<String> shardIds, SchemaMapping schema, ZoneOffset sourceTimezone,
      int maxRowsPerStatement, Map<String, Integer> chunkCounts, SourceType sourceType) {
    this(runId, snapshot, shardsFilePath, shardIds, schema, sourceTimezone, maxRowsPerStatement,
        chunkCounts, null, sourceType);
  }

  /** The snapshot tables' SQL of the plan's shards. */
  public SnapshotSql sql() {
    return SnapshotSql.of(sourceType);
  }

  /** The shard a resync loads; empty for an initial snapshot (every shard). */
  public Optional<String> resyncOnly() {
    return Optional.ofNullable(resyncShard);
  }

  /** The shards this plan loads. */
  public List<String> loadedShards() {
    return resyncShard == null ? shardIds : List.of(resyncShard);
  }

  /** The run id of the plan's chunk rows: a resync's are apart from the initial snapshot's. */
  public String chunkRunId() {
    return resyncShard == null ? runId : runId + RESYNC_CHUNKS;
  }

  /** This plan with {@code recorded} chunk counts instead of its own for those tables. */
  public SnapshotPlan withChunkCounts(Map<String, Integer> recorded) {
    Map<String, Integer> counts = new java.util.HashMap<>(chunkCounts);
    recorded.forEach((table, count) -> {
      if (counts.containsKey(table)) {
        counts.put(table, count);
      }
    });
    return new SnapshotPlan(runId, snapshot, shardsFilePath, shardIds, schema, sourceTimezone,
        maxRowsPerStatement, counts, resyncShard, sourceType);
  }

  /** Chunks of Spanner table {@code table}. */
  public int chunkCount(String table) {
    Integer count = chunkCounts.get(table);
    if (count == null) {
      throw new IllegalArgumentException("table " + table + " has no chunk count in the plan");
    }
    return count;
  }
}
