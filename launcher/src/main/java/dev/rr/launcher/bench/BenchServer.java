package dev.rr.launcher.bench;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.Shard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A database server the benchmarks may create and drop databases on: MySQL-compatible, or
 * PostgreSQL (each benchmark database then holds its tables in schema {@value #POSTGRES_SCHEMA}).
 *
 * @param target which kind of server, so which driver and DDL
 * @param host host name or address
 * @param port TCP port
 * @param user account with privileges to create databases
 * @param password its password
 */
public record BenchServer(SourceType target, String host, int port, String user, String password) {
  /** The schema of a PostgreSQL benchmark database that holds the tables. */
  static final String POSTGRES_SCHEMA = "public";

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,63}");

  public BenchServer {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** A MySQL-compatible server. */
  public BenchServer(String host, int port, String user, String password) {
    this(SourceType.MYSQL, host, port, user, password);
  }

  /** {@code jdbc:mysql://host:port/} without a database, or PostgreSQL's {@code postgres} one. */
  public String jdbcUrl() {
    return switch (target) {
      case MYSQL -> "jdbc:mysql://" + host + ":" + port + "/";
      case POSTGRESQL -> "jdbc:postgresql://" + host + ":" + port + "/postgres";
    };
  }

  /** A new connection with no benchmark database selected. */
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
    return freshShard(shardId, database, BenchSchema.ddl(target));
  }

  /**
   * Drops and re-creates {@code database} with the tables of {@code ddl}, and describes it as
   * logical shard {@code shardId}.
   */
  public Shard freshShard(String shardId, String database, List<String> ddl)
      throws SQLException {
    dropDatabase(database);
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      // The name is checked by dropDatabase, so it can be part of the DDL text.
      statement.execute(switch (target) {
        case MYSQL -> "CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4";
        case POSTGRESQL -> "CREATE DATABASE \"" + database + "\" ENCODING 'UTF8'";
      });
    }
    Shard shard = new Shard(shardId, host, port, user, password, database, Map.of());
    if (target == SourceType.POSTGRESQL) {
      shard = shard.asPostgres(POSTGRES_SCHEMA);
    }
    try (Connection connection = connect(shard);
        Statement statement = connection.createStatement()) {
      for (String table : ddl) {
        statement.execute(table);
      }
    }
    return shard;
  }

  /** Drops {@code database} if it exists (on PostgreSQL, ending its sessions). */
  public void dropDatabase(String database) throws SQLException {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("invalid benchmark database name " + database);
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(switch (target) {
        case MYSQL -> "DROP DATABASE IF EXISTS `" + database + "`";
        case POSTGRESQL -> "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)";
      });
    }
  }

  /** A connection to {@code shard}'s database (and, for PostgreSQL, its schema). */
  public static Connection connect(Shard shard) throws SQLException {
    return DriverManager.getConnection(shard.jdbcUrl(), shard.jdbcProperties());
  }

  @Override
  public String toString() {
    return "BenchServer[" + target.optionName() + " " + user + "@" + host + ":" + port + "]";
  }
}
