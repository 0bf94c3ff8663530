package dev.rr.reader.logic;

import dev.rr.common.config.ReaderConfig.CustomSharding;
import dev.rr.common.routing.ShardIdFetchers;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.SchemaMapping;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Everything routing needs, serializable, to build the router on a worker: the schema mapping,
 * the shard ids of the shards file, an optional custom shard-id fetcher and the output layout.
 */
public final class RoutingSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SchemaMapping mapping;
  private final List<String> shardIds;
  private final CustomSharding customSharding;
  private final OutputLayout layout;

  public RoutingSpec(
      SchemaMapping mapping,
      List<String> shardIds,
      Optional<CustomSharding> customSharding,
      OutputLayout layout) {
    if (shardIds.isEmpty()) {
      throw new IllegalArgumentException("routing needs at least one shard");
    }
    this.mapping = mapping;
    this.shardIds = List.copyOf(shardIds);
    this.customSharding = customSharding.orElse(null);
    this.layout = layout;
  }

  public SchemaMapping mapping() {
    return mapping;
  }

  public List<String> shardIds() {
    return shardIds;
  }

  public OutputLayout layout() {
    return layout;
  }

  /**
   * What the shard-id rule looks at: a custom fetcher the whole row, the session's shard id
   * column when there are several shards, nothing for a single shard.
   */
  public RowNeed rowNeed() {
    if (customSharding != null) {
      return RowNeed.FULL_ROW;
    }
    return shardIds.size() == 1 ? RowNeed.NONE : RowNeed.SHARD_ID_COLUMN;
  }

  /** A new router; loads the custom fetcher from its jar (call it in a DoFn's setup). */
  public ShardRouter newRouter() {
    LinkedHashSet<String> ids = new LinkedHashSet<>(shardIds);
    if (customSharding == null) {
      return ShardRouter.withDefaultFetcher(mapping, ids);
    }
    return new ShardRouter(
        mapping,
        ids,
        ShardIdFetchers.load(
            customSharding.jarPath(), customSharding.className(), customSharding.parameters()));
  }
}
