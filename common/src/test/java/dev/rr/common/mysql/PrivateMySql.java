package dev.rr.common.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEMPORARY stand-in for dev.rr.testing.MySqlExtension until it lands in main: a fresh database
 * per call on the server at RR_TEST_MYSQL_URL (default: a private mariadbd on 127.0.0.1:33411,
 * user rr/rrpw).
 */
public final class PrivateMySql {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String HOST = "127.0.0.1";
  private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RR_MYSQL_PORT", "33411"));

  /** A fresh database and an admin login. */
  public record TestDatabase(String name, String host, int port, String jdbcUrl, String user, String password) {
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, user, password);
    }
  }

  public TestDatabase newDatabase() {
    String name = "it_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    String server = "jdbc:mysql://" + HOST + ":" + PORT + "/";
    try (Connection c = DriverManager.getConnection(server, "rr", "rrpw");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException("no test MySQL server at " + server, e);
    }
    return new TestDatabase(name, HOST, PORT, server + name, "rr", "rrpw");
  }
}
