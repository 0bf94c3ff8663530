package dev.rr.writer.custom;

import dev.rr.common.model.ModType;
import java.util.Map;
import java.util.Objects;

/**
 * One event handed to a {@link CustomTransformation}.
 *
 * @param tableName Spanner table name
 * @param row the row image keyed by Spanner column name: the keys and new values (for a delete,
 *     the keys and, when the change stream captured them, the old values), as typed Java values:
 *     BOOL Boolean, INT64 Long, FLOAT64 Double, FLOAT32 Float, NUMERIC BigDecimal, STRING and JSON
 *     String, BYTES com.google.cloud.ByteArray, DATE com.google.cloud.Date, TIMESTAMP
 *     com.google.cloud.Timestamp, ARRAY List, NULL null
 * @param shardId logical shard the event is applied to
 * @param eventType INSERT, UPDATE or DELETE
 */
public record TransformationRequest(
    String tableName, Map<String, Object> row, String shardId, ModType eventType) {
  public TransformationRequest {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(eventType, "eventType");
  }
}
