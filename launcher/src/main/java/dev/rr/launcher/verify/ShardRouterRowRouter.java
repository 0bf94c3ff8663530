package dev.rr.launcher.verify;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Type;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.routing.RouteResult;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.TableMapping;
import java.util.HashMap;
import java.util.List;
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

  /** BOOL Boolean, INT64 Long, FLOAT64 Double, NUMERIC BigDecimal, STRING/JSON String, ... */
  static Map<String, Object> values(TableMapping table, Struct row) {
    Map<String, Object> values = new HashMap<>();
    for (ColumnMapping column : table.columns()) {
      String name = column.spannerName();
      values.put(name, row.isNull(name) ? null : value(row, name, row.getColumnType(name)));
    }
    return values;
  }

  private static Object value(Struct row, String name, Type type) {
    return switch (type.getCode()) {
      case BOOL -> row.getBoolean(name);
      case INT64 -> row.getLong(name);
      case FLOAT64 -> row.getDouble(name);
      case FLOAT32 -> row.getFloat(name);
      case NUMERIC -> row.getBigDecimal(name);
      case STRING -> row.getString(name);
      case JSON -> row.getJson(name);
      case BYTES -> row.getBytes(name);
      case DATE -> row.getDate(name);
      case TIMESTAMP -> row.getTimestamp(name);
      case ARRAY -> List.copyOf(row.getValue(name).getAsStringList());
      default -> row.getValue(name).toString();
    };
  }
}
