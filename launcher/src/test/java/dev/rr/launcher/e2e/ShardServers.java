package dev.rr.launcher.e2e;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.check.RandomSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The three shard servers a scenario replicates to, of one kind: MySQL-compatible ({@link
 * MySqlShardServers}) or PostgreSQL ({@link PostgresShardServers}). The scenario, its faults and
 * its oracle are the same for both; only what differs per kind of server is here.
 */
interface ShardServers {
  /** The kind of shard, as the writer's {@code sourceType}. */
  SourceType type();

  /** {@code schema}'s DDL for this kind of server. */
  List<String> ddl(ReplicationFixture.Schema schema);

  /** A fresh database on server {@code index} (0-based) with the tables of {@code ddl}. */
  TestShard newDatabase(int index, List<String> ddl) throws SQLException;

  /**
   * Kills server {@code index} with SIGKILL, as a crash does: no clean shutdown, open
   * transactions lost, recovery on the next start.
   */
  void kill(int index) throws InterruptedException;

  /** Starts server {@code index} again on its port with its data. */
  void start(int index);

  /**
   * Ends every session of {@code shard}'s database but the caller's and {@code spared} (session
   * ids, PostgreSQL backend pids); open transactions roll back. Returns how many.
   */
  int killSessions(TestShard shard, Set<Long> spared) throws SQLException;

  /** The query for the caller's session id (as {@link #killSessions} spares them). */
  String sessionIdQuery();

  /** The statements that, in an open transaction, hold every write to {@code tables} but no read. */
  List<String> holdWritesStatements(List<String> tables);

  /**
   * The query counting the sessions of a database (its name the one parameter) that wait for a
   * lock right now.
   */
  String lockWaitsQuery();

  /**
   * Opens a transaction on {@code shard}'s database that holds every write to {@code tables}
   * (their source names) until it is closed, so that a writer's next transaction there stops in
   * the middle, after its checkpoint lock. Reads are not held.
   */
  default HeldWrites holdWrites(TestShard shard, List<String> tables) throws SQLException {
    Connection connection = shard.connect();
    try {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        long sessionId;
        try (ResultSet id = statement.executeQuery(sessionIdQuery())) {
          id.next();
          sessionId = id.getLong(1);
        }
        for (String sql : holdWritesStatements(tables)) {
          statement.execute(sql);
        }
        return new HeldWrites(connection, sessionId);
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Sessions of {@code shard}'s database waiting for a lock right now. */
  default int lockWaits(TestShard shard) throws SQLException {
    try (Connection connection = shard.connect();
        PreparedStatement waits = connection.prepareStatement(lockWaitsQuery())) {
      waits.setString(1, shard.name());
      try (ResultSet rows = waits.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** The statement that widens string or bytes {@code column} of {@code table} to 255. */
  String widen(RandomSchema.Table table, RandomSchema.Column column);

  /** Sets short connect (1 s) and read (10 s) timeouts in {@code properties}, in the driver's units. */
  void shortTimeouts(Properties properties);

  /** A transaction holding writes ({@link #holdWrites}) and its session id, spared when sessions are killed. */
  record HeldWrites(Connection connection, long sessionId) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      try {
        connection.rollback();
      } finally {
        connection.close();
      }
    }
  }

  /** Runs each statement of {@code ddl} on {@code connection}. */
  static void execute(Connection connection, List<String> ddl) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
    }
  }
}
