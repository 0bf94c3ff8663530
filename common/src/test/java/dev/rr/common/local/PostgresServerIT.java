package dev.rr.common.local;

import static dev.rr.common.local.LocalServerChecks.execute;
import static dev.rr.common.local.LocalServerChecks.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static java.nio.file.attribute.PosixFilePermissions.asFileAttribute;
import static java.nio.file.attribute.PosixFilePermissions.fromString;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresServerIT {

  /** Shared by the tests that leave it running; starting a cluster costs most of a test's time. */
  private static PostgresServer shared;

  @BeforeAll
  static void startShared() {
    shared = PostgresServer.startTemporary();
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
  void shouldRunPostgresql15OrLaterAsClientSuperuser() throws SQLException {
    int version = Integer.parseInt(queryString(shared, null, "SHOW server_version_num"));
    assertTrue(version >= 150000, "server_version_num " + version);
    assertEquals(PostgresServer.USER, queryString(shared, null, "SELECT current_user"));
    assertEquals("on", queryString(shared, null, "SHOW is_superuser"));
  }

  @Test
  void shouldCreateDatabaseOnceAndKeepItsTables() throws SQLException {
    shared.createDatabase("twice");
    execute(shared, "twice", "CREATE TABLE kept (id INT PRIMARY KEY)");

    shared.createDatabase("twice");

    assertEquals("kept", queryString(shared, "twice", "SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'public'"));
  }

  @Test
  void shouldDeleteTemporaryClusterDirectoryOnClose() {
    PostgresServer server = PostgresServer.startTemporary();
    assertTrue(Files.isRegularFile(server.dataDir().resolve("PG_VERSION")));

    LocalServerChecks.assertClosingDeletesTemporaryDirectory(server);
  }

  @Test
  void shouldKeepDirectoryGivenByCallerAndReuseIt() throws Exception {
    Path directory = searchableTempDirectory().resolve("shard1");
    try {
      try (PostgresServer server = PostgresServer.startIn(directory, LocalPorts.freePort())) {
        server.createDatabase("persisted");
      }
      assertTrue(Files.isRegularFile(directory.resolve("data/PG_VERSION")));

      try (PostgresServer again = PostgresServer.startIn(directory, LocalPorts.freePort())) {
        assertEquals("persisted",
            queryString(again, null, "SELECT datname FROM pg_database WHERE datname = 'persisted'"));
      }
    } finally {
      try (var paths = Files.walk(directory.getParent())) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void shouldQuoteServerLogWhenPortIsTaken() throws Exception {
    Path directory = searchableTempDirectory().resolve("blocked");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LocalPorts.LOOPBACK))) {
      LocalServiceException e = assertThrows(LocalServiceException.class,
          () -> PostgresServer.startIn(directory, taken.getLocalPort()));

      assertTrue(e.getMessage().contains("postgres.log"), e.getMessage());
      assertTrue(e.getMessage().contains("could not bind"), e.getMessage());
    } finally {
      try (var paths = Files.walk(directory.getParent())) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void shouldRejectDatabaseNameThatNeedsQuoting() {
    assertThrows(IllegalArgumentException.class, () -> shared.createDatabase("x\"; DROP DATABASE postgres; --"));
  }

  /** Not JUnit's @TempDir: the server user must be able to enter every directory above its own. */
  private static Path searchableTempDirectory() throws IOException {
    return Files.createTempDirectory("rr-pg-it-", asFileAttribute(fromString("rwxr-xr-x")));
  }
}
