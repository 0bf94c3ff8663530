package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MySQL harness against real servers: pooled JDBC, stop/restart of one shard, temporal precision. */
class MySqlExtensionIT {

  private static final int POOL_SIZE = 2;

  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  @Test
  void shouldKeepServingOtherServerWhileOneIsStoppedAndServeAgainAfterRestart() throws SQLException {
    List<MySqlTestServer> servers = mysql.servers(2);
    assertNotEquals(servers.get(0).port(), servers.get(1).port());
    MySqlTestDatabase db0 = servers.get(0).newDatabase();
    MySqlTestDatabase db1 = servers.get(1).newDatabase();
    try (HikariDataSource pool0 = pool(db0); HikariDataSource pool1 = pool(db1)) {
      for (DataSource pool : List.of(pool0, pool1)) {
        execute(pool, "CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(20))");
        upsert(pool, 1, "before");
      }

      servers.get(1).stop();
      assertFalse(servers.get(1).isRunning());
      upsert(pool0, 2, "during");
      assertThrows(SQLException.class, () -> upsert(pool1, 2, "during"));

      servers.get(1).start();
      // A pooled connection from before the restart is dead; its first use fails with a
      // communications error and the pool evicts it, as the writer's transient retry expects.
      upsertAfterRestart(pool1, 2, "after");

      assertEquals("before,during", values(pool0));
      assertEquals("before,after", values(pool1));
    }
  }

  @Test
  void shouldKeepMicrosecondsOfBoundTemporalParameters() throws SQLException {
    MySqlTestDatabase db = mysql.newDatabase();
    LocalDateTime value = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000);
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE times (id INT PRIMARY KEY, dt DATETIME(6), ts TIMESTAMP(6) NULL)");
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO times (id, dt, ts) VALUES (?, ?, ?)")) {
        insert.setInt(1, 1);
        insert.setObject(2, value);
        insert.setTimestamp(3, Timestamp.valueOf(value));
        insert.executeUpdate();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT CAST(dt AS CHAR), CAST(ts AS CHAR), ts FROM times WHERE id = 1")) {
        assertTrue(rs.next());
        assertEquals("2024-05-06 07:08:09.123456", rs.getString(1));
        assertTrue(rs.getString(2).endsWith(".123456"), rs.getString(2));
        assertEquals(123_456_000, rs.getTimestamp(3).getNanos());
      }
    }
  }

  @Test
  void shouldGiveEachCallAFreshEmptyDatabase() throws SQLException {
    MySqlTestDatabase first = mysql.newDatabase();
    try (Connection c = first.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE only_in_first (id INT PRIMARY KEY)");
    }

    MySqlTestDatabase second = mysql.newDatabase();

    assertNotEquals(first.name(), second.name());
    try (Connection c = second.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW TABLES")) {
      assertFalse(rs.next());
    }
  }

  @Test
  void shouldStartServerThatAnEarlierTestLeftStopped() {
    MySqlTestServer server = mysql.server(1);
    server.stop();

    MySqlExtension.Pool.INSTANCE.startStopped();

    assertTrue(server.isRunning());
  }

  private static HikariDataSource pool(MySqlTestDatabase db) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setMaximumPoolSize(POOL_SIZE);
    config.setConnectionTimeout(2_000);
    return new HikariDataSource(config);
  }

  private static void execute(DataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void upsert(DataSource pool, int k, String v) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO kv (k, v) VALUES (?, ?) ON DUPLICATE KEY UPDATE v = VALUES(v)")) {
      ps.setInt(1, k);
      ps.setString(2, v);
      ps.executeUpdate();
    }
  }

  /** Each pooled connection from before the restart may fail once (then it is evicted). */
  private static void upsertAfterRestart(DataSource pool, int k, String v) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        upsert(pool, k, v);
        return;
      } catch (SQLException e) {
        boolean connectionLost = e.getSQLState() != null && e.getSQLState().startsWith("08");
        if (!connectionLost || attempt > POOL_SIZE) {
          throw e;
        }
      }
    }
  }

  private static String values(DataSource pool) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kv ORDER BY k")) {
      while (rs.next()) {
        out.append(out.length() == 0 ? "" : ",").append(rs.getString(1));
      }
    }
    return out.toString();
  }
}
