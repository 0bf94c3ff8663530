package dev.rr.writer.logic;

import dev.rr.common.mysql.LiveSchema;
import dev.rr.common.mysql.LiveSchemaCheck;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.schema.SchemaMapping;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a shard worker reads once from its database's {@code information_schema} before applying
 * anything: the constraints that decide statement order, the fractional digits of temporal
 * columns that decide how values are truncated, and every table's columns with their real types,
 * which decide how values are converted. Each shard has its own: shards may run on different
 * servers with different schemas.
 *
 * @param constraints foreign keys, unique indexes and key collations
 * @param precisions fractional-second digits of DATETIME, TIMESTAMP and TIME columns
 * @param columns the tables and columns of the shard database
 */
public record ShardSchema(
    SourceConstraints constraints, TemporalPrecisions precisions, LiveSchema columns) {

  /** Reads the schema of the connection's current database. */
  public static ShardSchema load(Connection connection) throws SQLException {
    return new ShardSchema(SourceConstraints.load(connection), TemporalPrecisions.load(connection),
        LiveSchema.load(connection));
  }

  /**
   * {@code mapping} for this shard: its names, this shard's real column types; columns generated
   * in the shard are never written.
   *
   * @throws dev.rr.common.mysql.SchemaMismatchException when the shard cannot take the mapping
   *     (a table or column missing, an incompatible type): permanent
   */
  public SchemaMapping mapping(SchemaMapping mapping) {
    return LiveSchemaCheck.resolve(mapping, columns);
  }
}
