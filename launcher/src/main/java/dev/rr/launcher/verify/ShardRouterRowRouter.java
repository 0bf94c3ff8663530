package dev.rr.launcher.verify;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.routing.RouteResult;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.routing.SpannerRowValues;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import java.util.Map;
import java.util.Optional;

/**
 * Routes Spanner rows with the reader's own {@link ShardRouter} (default or custom shard-id
 * fetcher), giving it the row as the same typed values the change-stream decoder produces.
 */
public final class ShardRouterRowRouter implements RowRouter {
  private final ShardRouter router;

  public ShardRouterRowRouter(ShardRouter router) {
    this.router = router;
  }

  @Override
  public Optional<String> shardOf(TableMapping table, Struct row) {
    ChangeRecord probe = ChangeRecord.builder()
        .commitTimestamp(Timestamp.MIN_VALUE)
        .serverTransactionId("verify")
        .recordSequence("0")
        .tableName(table.spannerName())
        .modType(ModType.INSERT)
        .build();
    RouteResult result = router.route(probe, values(table, row));
    return result.isRouted() ? Optional.of(result.logicalShardId()) : Optional.empty();
  }

  /** The row as {@link SpannerRowValues} gives it (the change-stream decoder's types). */
  static Map<String, Object> values(TableMapping table, Struct row) {
    return SpannerRowValues.of(
        table.columns().stream().map(ColumnMapping::spannerName).toList(), row);
  }
}
