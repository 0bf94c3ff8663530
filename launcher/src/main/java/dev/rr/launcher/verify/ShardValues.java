package dev.rr.launcher.verify;

import com.google.cloud.spanner.Struct;
import dev.rr.common.schema.ColumnMapping;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the verifier does differently per kind of shard database: the canonical form of a Spanner
 * value as the writer would write it there, the canonical form of the value the shard holds, and
 * how a shard's columns are named and selected. MySQL: {@link CanonicalValues}; PostgreSQL:
 * {@link PostgresCanonicalValues}.
 */
interface ShardValues {
  /** The canonical form of {@code column} of Spanner row {@code row}, as written to {@code table}. */
  String spanner(Struct row, String table, ColumnMapping column);

  /** The canonical form of column {@code index} (1-based) of a shard row of mapped {@code column}. */
  String shard(ResultSet rows, int index, ColumnMapping column) throws SQLException;

  /** {@code column} as selected from the shard. */
  String selected(ColumnMapping column);

  /** {@code identifier} quoted the shard's way. */
  String quote(String identifier);
}
