package dev.rr.common.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The row whose shard is wanted.
 *
 * @param tableName Spanner table name
 * @param row the row's values keyed by Spanner column name, as typed Java values (see
 *     {@link SpannerJsonValues}); a value may be null
 */
public record ShardIdRequest(String tableName, Map<String, Object> row) {
  public ShardIdRequest {
    Objects.requireNonNull(tableName, "tableName");
    // A copy that allows null values (SQL NULL), unlike Map.copyOf.
    row = Collections.unmodifiableMap(new LinkedHashMap<>(row == null ? Map.of() : row));
  }
}
