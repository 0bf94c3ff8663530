package dev.rr.launcher.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A scenario's shard database on a test server of either kind ({@link ShardServers}): its name,
 * where it is, and how to log in.
 *
 * @param name database name
 * @param host server host
 * @param port server port
 * @param jdbcUrl URL selecting this database
 * @param user account with all privileges
 * @param password that account's password
 */
record TestShard(String name, String host, int port, String jdbcUrl, String user, String password) {
  /** A new connection to this database. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }
}
