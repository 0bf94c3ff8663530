package dev.rr.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A fresh database on a test MySQL server: its name, where it is, and how to log in.
 *
 * @param name database (schema) name
 * @param host server host
 * @param port server port
 * @param jdbcUrl URL selecting this database (may carry connection properties)
 * @param user account with all privileges
 * @param password that account's password
 */
public record MySqlTestDatabase(String name, String host, int port, String jdbcUrl, String user, String password) {

  /** A new connection to this database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  @Override
  public String toString() {
    return "MySqlTestDatabase[" + jdbcUrl + ", user=" + user + "]";
  }
}
