package dev.rr.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A fresh database on a private test PostgreSQL cluster: its name, where it is, and how to log in.
 *
 * @param name database name
 * @param host server host
 * @param port server port
 * @param jdbcUrl URL selecting this database
 * @param user superuser of the cluster
 * @param password that account's password (the cluster trusts loopback logins)
 */
public record PostgresTestDatabase(String name, String host, int port, String jdbcUrl, String user, String password) {

  /** A new connection to this database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  @Override
  public String toString() {
    return "PostgresTestDatabase[" + jdbcUrl + ", user=" + user + "]";
  }
}
