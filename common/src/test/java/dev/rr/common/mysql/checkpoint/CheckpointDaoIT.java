package dev.rr.common.mysql.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.mysql.ErrorClass;
import dev.rr.common.mysql.MySqlErrorClassifier;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The checkpoint table on a real server: DDL, transactions, locking, privileges. */
class CheckpointDaoIT {

  private static final AtomicInteger USERS = new AtomicInteger();
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private final CheckpointDao dao = new CheckpointDao();
  private final Checkpoint first =
      new Checkpoint(
          "run-1", "ls1",
          Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:10.123Z"),
          Timestamp.ofTimeSecondsAndNanos(1_704_067_205, 123_456_789), "MTY0MDExNjY5NDAxMjEwMDA5Mzg=", 17);
  private final Checkpoint second =
      new Checkpoint(
          "run-1", "ls1",
          Instant.parse("2024-01-01T00:00:10.123Z"), Instant.parse("2024-01-01T00:00:20.123456Z"),
          Timestamp.ofTimeSecondsAndNanos(1_704_067_219, 999_999_999), "NzkxOTE5OTY4NTQzNjMzODY3Mg==", 42);
  private MySqlTestDatabase database;

  /** The test database as another user. */
  private record Login(String user, String password, String jdbcUrl) {
    Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, user, password);
    }
  }

  @BeforeEach
  void newDatabase() {
    database = mysql.newDatabase();
  }

  @Test
  void shouldCreateTheTableOnceAndFindNoCheckpointBeforeTheFirstWrite() throws SQLException {
    try (Connection c = database.connect()) {
      dao.ensureTable(c);
      dao.ensureTable(c);
      assertEquals(Optional.empty(), dao.read(c, "run-1", "ls1"));
      dao.ensureRow(c, "run-1", "ls1");
      dao.ensureRow(c, "run-1", "ls1");
      assertEquals(Optional.empty(), dao.read(c, "run-1", "ls1"), "nothing applied yet");
      assertEquals("1", query(c, "SELECT COUNT(*) FROM rr_replication_checkpoint"));
      assertEquals(
          "run_id,shard_id,window_start,window_end,commit_seconds,commit_nanos,"
              + "server_transaction_id,records_applied,updated_at",
          query(c, "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS"
              + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'rr_replication_checkpoint'"));
    }
  }

  @Test
  void shouldKeepTheCheckpointOfACommittedTransactionAndDropARolledBackOne() throws SQLException {
    try (Connection c = database.connect()) {
      dao.ensureTable(c);
      dao.ensureRow(c, "run-1", "ls1");
      c.setAutoCommit(false);
      dao.advance(c, null, first);
      c.commit();
      assertEquals(Optional.of(first), dao.read(c, "run-1", "ls1"));

      dao.advance(c, first, second);
      assertEquals(Optional.of(second), dao.read(c, "run-1", "ls1"), "visible inside the transaction");
      c.rollback();
      assertEquals(Optional.of(first), dao.read(c, "run-1", "ls1"));
      try (Connection other = database.connect()) {
        assertEquals(Optional.of(first), dao.read(other, "run-1", "ls1"));
      }

      dao.advance(c, first, second);
      c.commit();
      assertEquals(Optional.of(second), dao.read(c, "run-1", "ls1"));
      assertEquals("1", query(c, "SELECT COUNT(*) FROM rr_replication_checkpoint"));
    }
  }

  @Test
  void shouldKeepRunsShardsAndTheFirstPossibleTimestampApart() throws SQLException {
    Checkpoint firstCommit =
        new Checkpoint("run-2", "ls1", Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-01-01T00:00:10Z"), Timestamp.ofTimeSecondsAndNanos(-62135596800L, 1), "", 1);
    Checkpoint otherShard =
        new Checkpoint("run-1", "LS1", first.windowStart(), first.windowEnd(), first.commitTimestamp(), "x", 1);
    try (Connection c = database.connect()) {
      dao.ensureTable(c);
      for (String[] row : new String[][] {{"run-1", "ls1"}, {"run-2", "ls1"}, {"run-1", "LS1"}}) {
        dao.ensureRow(c, row[0], row[1]);
      }
      dao.advance(c, null, first);
      dao.advance(c, null, firstCommit);
      dao.advance(c, null, otherShard);
      assertEquals(Optional.of(first), dao.read(c, "run-1", "ls1"));
      assertEquals(Optional.of(firstCommit), dao.read(c, "run-2", "ls1"));
      assertEquals(Optional.of(otherShard), dao.read(c, "run-1", "LS1"));
    }
  }

  @Test
  void shouldLockTheCheckpointRowUntilTheWritersTransactionEnds() throws SQLException {
    try (Connection writer = database.connect(); Connection rival = database.connect()) {
      dao.ensureTable(writer);
      dao.ensureRow(writer, "run-1", "ls1");
      dao.advance(writer, null, first);
      writer.setAutoCommit(false);
      rival.setAutoCommit(false);
      assertEquals(Optional.of(first), dao.readForUpdate(writer, "run-1", "ls1"));

      execute(rival, "SET SESSION innodb_lock_wait_timeout = 1");
      SQLException blocked = assertThrows(SQLException.class, () -> dao.readForUpdate(rival, "run-1", "ls1"));
      assertEquals(ErrorClass.TRANSIENT, MySqlErrorClassifier.classify(blocked));

      dao.advance(writer, first, second);
      writer.commit();
      assertEquals(Optional.of(second), dao.readForUpdate(rival, "run-1", "ls1"));
      rival.commit();
    }
  }

  @Test
  void shouldMoveOnlyForwardAndOnlyFromTheCheckpointTheWriterRead() throws SQLException {
    try (Connection c = database.connect(); Connection rival = database.connect()) {
      dao.ensureTable(c);
      dao.ensureRow(c, "run-1", "ls1");
      c.setAutoCommit(false);
      rival.setAutoCommit(false);
      // Both read "nothing applied"; the first to move the checkpoint wins.
      assertEquals(Optional.empty(), dao.read(c, "run-1", "ls1"));
      assertEquals(Optional.empty(), dao.read(rival, "run-1", "ls1"));
      dao.advance(c, null, first);
      c.commit();
      CheckpointConflictException lost =
          assertThrows(CheckpointConflictException.class, () -> dao.advance(rival, null, first));
      assertEquals(ErrorClass.TRANSIENT, MySqlErrorClassifier.classify(lost));
      rival.rollback();
      assertThrows(CheckpointConflictException.class, () -> dao.advance(rival, null, second));
      rival.rollback();
      assertThrows(IllegalArgumentException.class, () -> dao.advance(c, second, first));
      assertThrows(IllegalArgumentException.class, () -> dao.advance(c, first, first));
      assertEquals(Optional.of(first), dao.read(c, "run-1", "ls1"));

      assertThrows(CheckpointConflictException.class,
          () -> dao.advance(c, null, new Checkpoint("run-1", "no-row", first.windowStart(),
              first.windowEnd(), first.commitTimestamp(), "x", 1)),
          "a shard without its row cannot move");
      c.rollback();
    }
  }

  @Test
  void shouldTellTheOperatorTheExactGrantWhenTheUserMayNotCreateTheTable() throws SQLException {
    Login limited = limitedUser("SELECT, INSERT, UPDATE, DELETE");
    CheckpointTableException error;
    try (Connection c = limited.connect()) {
      error = assertThrows(CheckpointTableException.class, () -> dao.ensureTable(c));
    }
    String grant =
        "GRANT CREATE, SELECT, INSERT, UPDATE ON `" + database.name() + "`.`rr_replication_checkpoint` TO '"
            + limited.user() + "'@'%';";
    String message = error.getMessage();
    assertTrue(message.contains(CheckpointDao.ddl()), message);
    assertTrue(message.contains("USE `" + database.name() + "`;"), message);
    assertTrue(message.endsWith(grant), message);
    assertEquals(ErrorClass.PERMANENT, MySqlErrorClassifier.classify(error));

    try (Connection admin = database.connect()) {
      execute(admin, grant.substring(0, grant.length() - 1));
    }
    try (Connection c = limited.connect()) {
      dao.ensureTable(c);
      dao.ensureRow(c, "run-1", "ls1");
      dao.advance(c, null, first);
      assertEquals(Optional.of(first), dao.read(c, "run-1", "ls1"));
    }
  }

  @Test
  void shouldAcceptATableAnAdministratorCreatedWithoutCreatePrivilege() throws SQLException {
    try (Connection admin = database.connect()) {
      execute(admin, CheckpointDao.ddl());
    }
    Login limited = limitedUser("SELECT, INSERT, UPDATE");
    try (Connection c = limited.connect()) {
      dao.ensureTable(c);
      dao.ensureRow(c, "run-1", "ls1");
      c.setAutoCommit(false);
      dao.advance(c, null, first);
      assertEquals(Optional.of(first), dao.readForUpdate(c, "run-1", "ls1"));
      c.commit();
    }
  }

  private Login limitedUser(String privileges) throws SQLException {
    String user = "limited_" + ProcessHandle.current().pid() + "_" + USERS.incrementAndGet();
    try (Connection admin = database.connect()) {
      execute(admin, "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
      execute(admin, "GRANT " + privileges + " ON `" + database.name() + "`.* TO '" + user + "'@'%'");
    }
    return new Login(user, "pw", database.jdbcUrl());
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
