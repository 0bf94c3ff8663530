package dev.rr.common.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What every private database server must do, checked the same way for MariaDB and PostgreSQL. */
final class LocalServerChecks {

  private LocalServerChecks() {}

  /** Data written before a stop is there after a start on the same port; stopped means unreachable. */
  static void assertKeepsDataAndPortAcrossStopAndStart(LocalDatabaseServer server) throws SQLException {
    int port = server.port();
    server.createDatabase("keep_me");
    execute(server, "keep_me", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
    execute(server, "keep_me", "INSERT INTO t VALUES (1, 'one')");

    server.stop();
    assertFalse(server.isRunning());
    assertFalse(LocalPorts.isListening(server.host(), port));
    assertThrows(SQLException.class, () -> server.connect("keep_me").close());

    server.start();
    assertTrue(server.isRunning());
    assertEquals(port, server.port());
    assertEquals("one", queryString(server, "keep_me", "SELECT v FROM t WHERE id = 1"));
  }

  /** A temporary server that ran (its log written) leaves no directory behind once closed. */
  static void assertClosingDeletesTemporaryDirectory(LocalDatabaseServer server) {
    assertTrue(Files.isRegularFile(server.logFile()));

    server.close();

    assertFalse(Files.exists(server.directory()));
  }

  static void execute(LocalDatabaseServer server, String db, String sql) throws SQLException {
    try (Connection c = server.connect(db); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String queryString(LocalDatabaseServer server, String db, String sql) throws SQLException {
    try (Connection c = server.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
