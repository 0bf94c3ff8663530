package dev.rr.common.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MariaDbServerIT {

  /** Shared by the tests that leave it running; starting a server costs most of a test's time. */
  private static MariaDbServer shared;

  @TempDir Path tempDir;

  @BeforeAll
  static void startShared() {
    shared = MariaDbServer.startTemporary();
  }

  @AfterAll
  static void closeShared() {
    shared.close();
  }

  @Test
  void shouldKeepDataAndPortAcrossStopAndStart() throws SQLException {
    int port = shared.port();
    shared.createDatabase("keep_me");
    execute(shared, "keep_me", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
    execute(shared, "keep_me", "INSERT INTO t VALUES (1, 'one')");

    shared.stop();
    assertFalse(shared.isRunning());
    assertFalse(LocalPorts.isListening(shared.host(), port));
    assertThrows(SQLException.class, () -> shared.connect("keep_me").close());

    shared.start();
    assertEquals(port, shared.port());
    assertEquals("one", queryString(shared, "keep_me", "SELECT v FROM t WHERE id = 1"));
  }

  @Test
  void shouldReportVersionThatConnectorJTreatsAsMySql57() throws SQLException {
    assertEquals(MariaDbServer.REPORTED_VERSION, queryString(shared, null, "SELECT VERSION()"));
  }

  @Test
  void shouldLogInWithPasswordAsClientAccount() throws SQLException {
    assertEquals(MariaDbServer.USER + "@%", queryString(shared, null, "SELECT CURRENT_USER()"));
  }

  @Test
  void shouldDeleteTemporaryServerDirectoryOnClose() {
    MariaDbServer server = MariaDbServer.startTemporary();
    assertTrue(Files.isDirectory(server.dataDir().resolve("mysql")));
    assertTrue(Files.isRegularFile(server.logFile()));

    server.close();

    assertFalse(Files.exists(server.directory()));
  }

  @Test
  void shouldKeepTemporaryFilesOutOfSharedTmp() throws SQLException {
    assertEquals(shared.directory().resolve("tmp").toString(), queryString(shared, null, "SELECT @@tmpdir"));
  }

  @Test
  void shouldKeepDataDirectoryGivenByCallerAndReuseIt() throws Exception {
    Path directory = tempDir.resolve("shard1");
    try (MariaDbServer server = MariaDbServer.startIn(directory, LocalPorts.freePort())) {
      server.createDatabase("persisted");
    }
    assertTrue(Files.isDirectory(directory.resolve("data/persisted")));

    try (MariaDbServer again = MariaDbServer.startIn(directory, LocalPorts.freePort())) {
      assertEquals("persisted", queryString(again, null, "SHOW DATABASES LIKE 'persisted'"));
    }
  }

  @Test
  void shouldQuoteServerLogWhenPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LocalPorts.LOOPBACK))) {
      LocalServiceException e = assertThrows(LocalServiceException.class,
          () -> MariaDbServer.startIn(tempDir.resolve("blocked"), taken.getLocalPort()));

      assertTrue(e.getMessage().contains("mariadbd.log"), e.getMessage());
      assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
    }
  }

  @Test
  void shouldRejectDatabaseNameThatNeedsQuoting() {
    assertThrows(IllegalArgumentException.class, () -> shared.createDatabase("x`; DROP DATABASE mysql; --"));
  }

  private static void execute(MariaDbServer server, String db, String sql) throws SQLException {
    try (Connection c = server.connect(db); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String queryString(MariaDbServer server, String db, String sql) throws SQLException {
    try (Connection c = server.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
