package dev.rr.common.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The classifier on errors raised by a real server and by Connector/J. */
class MySqlErrorClassifierIT {

  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();
  private MySqlTestDatabase database;

  @BeforeEach
  void newDatabase() throws SQLException {
    database = mysql.newDatabase();
    try (Connection c = database.connect()) {
      execute(c, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(3))");
      execute(c, "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    }
  }

  @Test
  void shouldCallDataConstraintAndSchemaErrorsPermanent() throws SQLException {
    try (Connection c = database.connect()) {
      assertPermanent(c, "INSERT INTO t VALUES (1, 'dup')", 1062);
      assertPermanent(c, "INSERT INTO t VALUES (3, 'toolong')", 1406);
      assertPermanent(c, "INSERT INTO missing VALUES (1)", 1146);
      assertPermanent(c, "INSERT INTO t (nope) VALUES (1)", 1054);
      assertPermanent(c, "INSERT INTO t VALUES (", 1064);
    }
  }

  @Test
  void shouldCallALockWaitTimeoutTransient() throws SQLException {
    try (Connection holder = database.connect(); Connection waiter = database.connect()) {
      holder.setAutoCommit(false);
      execute(holder, "SELECT * FROM t WHERE id = 1 FOR UPDATE");
      execute(waiter, "SET SESSION innodb_lock_wait_timeout = 1");
      SQLException error = assertThrows(SQLException.class, () -> execute(waiter, "UPDATE t SET v = 'x' WHERE id = 1"));
      assertEquals(1205, error.getErrorCode());
      assertEquals(ErrorClass.TRANSIENT, MySqlErrorClassifier.classify(error));
      holder.rollback();
    }
  }

  @Test
  void shouldRecogniseAStatementConnectorJRefusesAsTooLarge() throws SQLException {
    String big = "x".repeat(100_000);
    // Connector/J refuses to send a packet larger than it allows: PacketTooBigException.
    try (Connection c = connect("maxAllowedPacket=65536")) {
      SQLException client = assertThrows(SQLException.class,
          () -> insertText(c, big));
      assertTrue(MySqlErrorClassifier.isStatementTooLarge(client), describe(client));
      assertEquals(ErrorClass.PERMANENT, MySqlErrorClassifier.classify(client), describe(client));
    }
  }

  private Connection connect(String properties) throws SQLException {
    String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + properties;
    return DriverManager.getConnection(url, database.user(), database.password());
  }

  private static void insertText(Connection c, String text) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement("SELECT LENGTH(?)")) {
      statement.setString(1, text);
      statement.executeQuery().close();
    }
  }

  private static String describe(Throwable error) {
    StringBuilder chain = new StringBuilder();
    for (Throwable e = error; e != null; e = e.getCause()) {
      chain.append(e.getClass().getName()).append(": ").append(e.getMessage())
          .append(e instanceof SQLException sql ? " code " + sql.getErrorCode() : "").append(" <- ");
    }
    return chain.toString();
  }

  @Test
  void shouldCallADeadlockTransient() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (Connection first = database.connect(); Connection second = database.connect()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      execute(first, "UPDATE t SET v = 'f' WHERE id = 1");
      execute(second, "UPDATE t SET v = 's' WHERE id = 2");
      Future<?> blocked = executor.submit(() -> {
        execute(first, "UPDATE t SET v = 'f' WHERE id = 2");
        return null;
      });
      Thread.sleep(300);
      SQLException error = null;
      try {
        execute(second, "UPDATE t SET v = 's' WHERE id = 1");
        blocked.get(10, TimeUnit.SECONDS);
      } catch (SQLException e) {
        error = e;
      } catch (java.util.concurrent.ExecutionException e) {
        error = (SQLException) e.getCause();
      }
      first.rollback();
      second.rollback();
      assertEquals(1213, error.getErrorCode());
      assertEquals(ErrorClass.TRANSIENT, MySqlErrorClassifier.classify(error));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void shouldCallAKilledConnectionTransient() throws SQLException {
    try (Connection victim = database.connect(); Connection admin = database.connect()) {
      long id = Long.parseLong(query(victim, "SELECT CONNECTION_ID()"));
      execute(admin, "KILL CONNECTION " + id);
      SQLException error = assertThrows(SQLException.class, () -> query(victim, "SELECT 1"));
      assertEquals(ErrorClass.TRANSIENT, MySqlErrorClassifier.classify(error), error.toString());
    }
  }

  @Test
  void shouldCallARefusedConnectionTransientAndABadPasswordPermanent() {
    SQLException refused =
        assertThrows(SQLException.class,
            () -> DriverManager.getConnection("jdbc:mysql://127.0.0.1:1/x?connectTimeout=2000", "u", "p").close());
    assertEquals(ErrorClass.TRANSIENT, MySqlErrorClassifier.classify(refused), refused.toString());
    SQLException denied =
        assertThrows(SQLException.class,
            () -> DriverManager.getConnection(database.jdbcUrl(), database.user(), "wrong").close());
    assertEquals(1045, denied.getErrorCode());
    assertEquals(ErrorClass.PERMANENT, MySqlErrorClassifier.classify(denied));
  }

  private static void assertPermanent(Connection c, String sql, int code) {
    SQLException error = assertThrows(SQLException.class, () -> execute(c, sql));
    assertEquals(code, error.getErrorCode(), error.toString());
    assertEquals(ErrorClass.PERMANENT, MySqlErrorClassifier.classify(error), error.toString());
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement(); var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
