package dev.rr.writer.logic;

import dev.rr.common.mysql.TemporalPrecisions;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a shard worker reads once from its database's {@code information_schema} before applying
 * anything: the constraints that decide statement order, and the fractional digits of temporal
 * columns that decide how values are truncated. Each shard has its own: shards may run on
 * different servers with different schemas.
 *
 * @param constraints foreign keys, unique indexes and key collations
 * @param precisions fractional-second digits of DATETIME, TIMESTAMP and TIME columns
 */
public record ShardSchema(SourceConstraints constraints, TemporalPrecisions precisions) {

  /** Reads the schema of the connection's current database. */
  public static ShardSchema load(Connection connection) throws SQLException {
    return new ShardSchema(SourceConstraints.load(connection), TemporalPrecisions.load(connection));
  }
}
