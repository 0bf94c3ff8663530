package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import dev.rr.common.metadata.FileCreateProgressDao;
import dev.rr.common.metadata.FileProcessProgressDao;
import dev.rr.common.metadata.ShardProgress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/** Reads a run's state from the reader's and writer's progress tables (two reads per call). */
public final class MetadataRunStateSource implements RunStateSource {
  private final FileCreateProgressDao created;
  private final FileProcessProgressDao processed;
  private final Clock clock;

  public MetadataRunStateSource(
      FileCreateProgressDao created, FileProcessProgressDao processed, Clock clock) {
    this.created = created;
    this.processed = processed;
    this.clock = clock;
  }

  @Override
  public RunState read(String runId) {
    // The writer's rows first: created_upto read afterwards is at least as new, so a shard never
    // shows APPLIED_UPTO ahead of CREATED_UPTO merely because the reads were apart.
    SortedMap<String, ShardProgress> progress = processed.read(runId);
    SortedMap<String, Timestamp> createdUpto = created.createdUpto(runId);
    TreeSet<String> shards = new TreeSet<>(createdUpto.keySet());
    shards.addAll(progress.keySet());
    List<ShardState> states = new ArrayList<>();
    for (String shard : shards) {
      states.add(state(shard, createdUpto, progress));
    }
    return new RunState(runId, clock.instant(), states);
  }

  private static ShardState state(
      String shard, Map<String, Timestamp> createdUpto, Map<String, ShardProgress> progress) {
    Optional<ShardProgress> row = Optional.ofNullable(progress.get(shard));
    return new ShardState(
        shard,
        row.map(ShardProgress::status),
        Optional.ofNullable(createdUpto.get(shard)),
        row.map(ShardProgress::processedUpto),
        row.map(ShardProgress::lastCommitTimestamp),
        row.map(ShardProgress::recordsApplied).orElse(0L),
        row.map(ShardProgress::error),
        row.map(ShardProgress::updatedAt));
  }
}
