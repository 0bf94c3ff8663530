package dev.rr.reader;

import dev.rr.common.config.ReaderConfig;
import dev.rr.common.metadata.MetadataTables;
import dev.rr.common.schema.SchemaMapping;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A reader run after bootstrap, ready to become a pipeline: the configuration with its effective
 * start (a resumed run starts at the earliest window any shard still needs), the run's grid origin,
 * the shards, the schema mapping and the progress already recorded.
 *
 * @param config the configuration; its start timestamp is where this launch starts reading
 * @param gridOrigin the run's original start: the origin of its window grid
 * @param shardIds logical shard ids of the shards file, in file order
 * @param mapping the session file's mapping, or the Spanner identity mapping without one
 * @param tables the metadata table names
 * @param createdUpto created_upto already stored for this run, by shard (empty for a new run)
 */
public record PreparedRun(
    ReaderConfig config,
    com.google.cloud.Timestamp gridOrigin,
    List<String> shardIds,
    SchemaMapping mapping,
    MetadataTables tables,
    Map<String, Instant> createdUpto) {
  public PreparedRun {
    shardIds = List.copyOf(shardIds);
    createdUpto = Map.copyOf(createdUpto);
  }
}
