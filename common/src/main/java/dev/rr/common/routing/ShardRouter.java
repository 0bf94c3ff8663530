package dev.rr.common.routing;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Routes change records to logical shards: the table must be in the schema mapping, and the
 * shard id the {@link ShardIdFetcher} gives must be in the shards file. A record that cannot be
 * routed is a {@link RouteResult} for the caller to count and keep, never an exception.
 *
 * <p>Serializable so it can travel inside a DoFn; a fetcher loaded from a jar should instead be
 * loaded in the DoFn's {@code @Setup} and the router built there.
 */
public final class ShardRouter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SchemaMapping mapping;
  private final Set<String> shardIds;
  private final ShardIdFetcher fetcher;

  public ShardRouter(SchemaMapping mapping, Set<String> shardIds, ShardIdFetcher fetcher) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.shardIds = Set.copyOf(shardIds);
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  /**
   * The router with the default fetcher: {@link SingleShardIdFetcher} when there is one shard,
   * else {@link SessionShardIdFetcher} (the session file's shard id columns).
   */
  public static ShardRouter withDefaultFetcher(SchemaMapping mapping, Set<String> shardIds) {
    ShardIdFetcher fetcher = shardIds.size() == 1
        ? new SingleShardIdFetcher(shardIds.iterator().next())
        : new SessionShardIdFetcher(mapping);
    return new ShardRouter(mapping, shardIds, fetcher);
  }

  /**
   * The shard of {@code record}, whose row image is {@code row} (typed values by Spanner column
   * name, see {@link #rowOf}). Exceptions thrown by a custom fetcher propagate.
   */
  public RouteResult route(ChangeRecord record, Map<String, Object> row) {
    if (mapping.forSpannerTable(record.tableName()).isEmpty()) {
      return RouteResult.unknownTable();
    }
    ShardIdResponse response = fetcher.getShardId(new ShardIdRequest(record.tableName(), row));
    String shardId = response == null ? null : response.logicalShardId();
    if (shardId == null || !shardIds.contains(shardId)) {
      return RouteResult.unknownShard(shardId);
    }
    return RouteResult.routed(shardId);
  }

  /**
   * The row image of {@code record} for routing (see {@link SpannerJsonValues#rowOf}); empty
   * when its table is not mapped.
   *
   * @throws SpannerValueException when a value does not fit its column type
   */
  public Map<String, Object> rowOf(ChangeRecord record) {
    Optional<TableMapping> table = mapping.forSpannerTable(record.tableName());
    return table.map(t -> SpannerJsonValues.rowOf(record, t)).orElse(Map.of());
  }

  /** Routes {@code record} by its own row image: {@code route(record, rowOf(record))}. */
  public RouteResult route(ChangeRecord record) {
    return route(record, rowOf(record));
  }
}
