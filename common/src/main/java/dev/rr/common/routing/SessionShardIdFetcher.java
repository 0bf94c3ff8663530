package dev.rr.common.routing;

import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import java.util.Objects;

/**
 * Routes a row by the value of its table's shard id column (the session file's
 * {@code ShardIdColumn}). A table without such a column, or a row whose value is null or absent,
 * belongs to no shard.
 */
public final class SessionShardIdFetcher implements ShardIdFetcher {
  private static final long serialVersionUID = 1L;

  private final SchemaMapping mapping;

  public SessionShardIdFetcher(SchemaMapping mapping) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
  }

  @Override
  public ShardIdResponse getShardId(ShardIdRequest request) {
    Object value = mapping.forSpannerTable(request.tableName())
        .flatMap(TableMapping::shardIdColumnName)
        .map(column -> request.row().get(column))
        .orElse(null);
    return new ShardIdResponse(value == null ? null : value.toString());
  }
}
