package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A MySQL-compatible server the benchmarks may create and drop databases on.
 *
 * @param host host name or address
 * @param port TCP port
 * @param user account with privileges to create databases
 * @param password its password
 */
public record BenchServer(String host, int port, String user, String password) {
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

  public BenchServer {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** {@code jdbc:mysql://host:port/} without a database. */
  public String jdbcUrl() {
    return "jdbc:mysql://" + host + ":" + port + "/";
  }

  /** A new connection with no database selected. */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  /**
   * Drops and re-creates {@code database} with the benchmark tables, and describes it as logical
   * shard {@code shardId}.
   */
  public Shard freshShard(String shardId, String database) throws SQLException {
    return freshShard(shardId, database, BenchSchema.mysqlDdl());
  }

  /**
   * Drops and re-creates {@code database} with the tables of {@code ddl}, and describes it as
   * logical shard {@code shardId}.
   */
  public Shard freshShard(String shardId, String database, java.util.List<String> ddl)
      throws SQLException {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("invalid benchmark database name " + database);
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      // The name is checked above, so it can be part of the DDL text.
      statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
      statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
      statement.execute("USE `" + database + "`");
      for (String table : ddl) {
        statement.execute(table);
      }
    }
    return new Shard(shardId, host, port, user, password, database, Map.of());
  }

  /** Drops {@code database} if it exists. */
  public void dropDatabase(String database) throws SQLException {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("invalid benchmark database name " + database);
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
    }
  }

  /** A connection to {@code shard}'s database. */
  public static Connection connect(Shard shard) throws SQLException {
    return DriverManager.getConnection(shard.jdbcUrl(), shard.jdbcProperties());
  }

  @Override
  public String toString() {
    return "BenchServer[" + user + "@" + host + ":" + port + "]";
  }
}
