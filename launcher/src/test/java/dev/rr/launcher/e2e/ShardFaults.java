package dev.rr.launcher.e2e;

import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.MySqlTestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Faults done to the MySQL side of a scenario: a killed server and killed sessions. */
final class ShardFaults {
  private ShardFaults() {}

  /**
   * Kills the {@code mariadbd} listening on {@code server}'s port with SIGKILL (no clean
   * shutdown: InnoDB recovers on the next start, open transactions are lost).
   *
   * @throws IllegalStateException when no such process is found (e.g. an external server)
   */
  static void kill(MySqlTestServer server) throws InterruptedException {
    String portFlag = "--port=" + server.port();
    List<ProcessHandle> found = ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(portFlag)).orElse(false))
        .toList();
    if (found.size() != 1) {
      throw new IllegalStateException("expected one mariadbd with " + portFlag + ", found " + found.size()
          + " (" + server.describe() + ")");
    }
    ProcessHandle process = found.get(0);
    process.destroyForcibly();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /**
   * Kills every session on {@code database}'s server that uses that database, except the
   * caller's and {@code spared}.
   */
  static int killSessions(MySqlTestDatabase database, Set<Long> spared) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement sessions = connection.prepareStatement(
            "SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()")) {
      sessions.setString(1, database.name());
      try (ResultSet rows = sessions.executeQuery()) {
        while (rows.next()) {
          if (!spared.contains(rows.getLong(1))) {
            ids.add(rows.getLong(1));
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (long id : ids) {
          try {
            statement.execute("KILL CONNECTION " + id);
          } catch (SQLException gone) {
            // The session ended by itself meanwhile.
          }
        }
      }
    }
    return ids.size();
  }
}
