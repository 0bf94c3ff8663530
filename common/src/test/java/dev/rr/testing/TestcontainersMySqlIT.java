package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Testcontainers path (real MySQL 8) for machines with Docker. The only test allowed to skip:
 * without Docker it is disabled, and the private MariaDB servers cover the harness.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersMySqlIT {

  private static final TestcontainersMySqlBackend BACKEND = new TestcontainersMySqlBackend();

  @AfterAll
  static void closeContainers() {
    BACKEND.close();
  }

  @Test
  void shouldKeepDataOfMySql8AcrossStopAndStart() throws SQLException {
    MySqlTestServer server = BACKEND.newServer();
    MySqlTestDatabase db = server.newDatabase();
    execute(db, "CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(20))");
    execute(db, "INSERT INTO kv VALUES (1, 'one')");

    server.restart();

    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v, VERSION() FROM kv WHERE k = 1")) {
      assertTrue(rs.next());
      assertEquals("one", rs.getString(1));
      assertTrue(rs.getString(2).startsWith("8."), rs.getString(2));
    }
  }

  private static void execute(MySqlTestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
