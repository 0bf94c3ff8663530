package dev.rr.writer.logic;

import java.sql.Connection;
import java.sql.SQLException;

/** Hands out connections to one shard's database (from a pool); the caller closes them. */
@FunctionalInterface
public interface ShardConnections {

  /** A connection; SQL errors are classified like any other MySQL error. */
  Connection get() throws SQLException;
}
