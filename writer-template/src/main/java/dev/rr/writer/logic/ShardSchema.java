package dev.rr.writer.logic;

import dev.rr.common.mysql.LiveSchema;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.mysql.TemporalPrecisions;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.sink.ShardCatalog;
import dev.rr.common.sink.ShardDialect;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a shard worker reads once from its database's catalog before applying anything ({@link
 * ShardDialect#readCatalog}): the constraints that decide statement order, the fractional digits
 * of temporal columns that decide how values are truncated, and every table's columns with their
 * real types, which decide how values are converted. Each shard has its own: shards may run on
 * different servers with different schemas.
 *
 * @param dialect the shard's dialect, bound to this schema ({@link ShardDialect#forShard})
 * @param catalog what was read
 * @param constraints foreign keys, unique indexes and their stored columns
 */
public record ShardSchema(ShardDialect dialect, ShardCatalog catalog, SourceConstraints constraints) {

  /** Reads the schema of a MySQL shard (the connection's current database). */
  public static ShardSchema load(Connection connection) throws SQLException {
    return load(connection, new MySqlDialect());
  }

  /** Reads the schema of the connection's shard database with {@code dialect}. */
  public static ShardSchema load(Connection connection, ShardDialect dialect) throws SQLException {
    ShardCatalog catalog = dialect.readCatalog(connection);
    return new ShardSchema(dialect.forShard(catalog), catalog, SourceConstraints.of(catalog));
  }

  /** Fractional-second digits of DATETIME, TIMESTAMP and TIME columns (MySQL). */
  public TemporalPrecisions precisions() {
    return catalog.precisions();
  }

  /** The tables and columns of the shard database. */
  public LiveSchema columns() {
    return catalog.columns();
  }

  /**
   * {@code mapping} for this shard: its names, this shard's real column types; columns generated
   * in the shard are never written.
   *
   * @throws dev.rr.common.mysql.SchemaMismatchException when the shard cannot take the mapping
   *     (a table or column missing, an incompatible type): permanent
   */
  public SchemaMapping mapping(SchemaMapping mapping) {
    return dialect.resolve(mapping, catalog);
  }
}
