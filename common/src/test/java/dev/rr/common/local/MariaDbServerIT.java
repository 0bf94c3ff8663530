package dev.rr.common.local;

import static dev.rr.common.local.LocalServerChecks.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
    LocalServerChecks.assertKeepsDataAndPortAcrossStopAndStart(shared);
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

    LocalServerChecks.assertClosingDeletesTemporaryDirectory(server);
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
}
