package dev.rr.launcher.mysql;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.Shard;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Opens the launcher's connections to a shard ({@code rr launch} checks, {@code --dry-run},
 * {@code rr verify}) so that an unreachable shard fails in seconds, and says why in words.
 *
 * <p>Connector/J waits without limit by default: for a TCP connect to a blackholed address (until
 * the operating system gives up, minutes) and for the greeting of a server that accepted the
 * connection but never answers (forever). Unless the shards file sets them, {@code
 * connectTimeout} and {@code socketTimeout} are {@link #LOGIN_TIMEOUT} while logging in; once
 * logged in, the network timeout becomes {@link #QUERY_TIMEOUT}, as schema reads on a large shard
 * may take longer than a login. PostgreSQL's driver takes the same two properties in seconds
 * (Connector/J in milliseconds); a timeout the shards file sets is in the driver's own unit.
 */
public final class ShardConnections {
  /** Longest wait for the TCP connect, and again for the server's answers while logging in. */
  public static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(5);

  /** Longest wait for an answer to one query once logged in. */
  public static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);

  private static final String CONNECT_TIMEOUT_PROPERTY = "connectTimeout";
  private static final String SOCKET_TIMEOUT_PROPERTY = "socketTimeout";

  /** MySQL error codes {@link #whyUnreachable} explains. */
  private static final int DB_ACCESS_DENIED = 1044;
  private static final int ACCESS_DENIED = 1045;
  private static final int UNKNOWN_DATABASE = 1049;

  private ShardConnections() {}

  /**
   * A connection to {@code shard}'s database, with the timeouts above unless its shards-file
   * entry sets its own.
   *
   * @throws SQLException when the shard cannot be reached or refuses the login; {@link
   *     #whyUnreachable} says why in words
   */
  public static Connection open(Shard shard) throws SQLException {
    Properties properties = shard.jdbcProperties();
    Map<String, String> own = shard.connectionProperties();
    String login = Long.toString(postgres(shard) ? LOGIN_TIMEOUT.toSeconds()
        : LOGIN_TIMEOUT.toMillis());
    if (!own.containsKey(CONNECT_TIMEOUT_PROPERTY)) {
      properties.setProperty(CONNECT_TIMEOUT_PROPERTY, login);
    }
    boolean ownSocketTimeout = own.containsKey(SOCKET_TIMEOUT_PROPERTY);
    if (!ownSocketTimeout) {
      properties.setProperty(SOCKET_TIMEOUT_PROPERTY, login);
    }
    Connection connection = DriverManager.getConnection(shard.jdbcUrl(), properties);
    if (!ownSocketTimeout) {
      try {
        connection.setNetworkTimeout(Runnable::run, (int) QUERY_TIMEOUT.toMillis());
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  /**
   * Why {@link #open} failed, as a clause naming the endpoint and what to check: refused, no
   * answer within the timeout, unknown host, no route, wrong credentials or database; else the
   * driver's message on one line.
   */
  public static String whyUnreachable(Shard shard, SQLException error) {
    String endpoint = shard.host() + ":" + shard.port();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable cause = error; cause != null && seen.put(cause, Boolean.TRUE) == null;
        cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "connection refused: nothing listens at " + endpoint + "; check host and port in"
            + " the shards file and that the " + server(shard) + " server runs";
      }
      if (cause instanceof SocketTimeoutException) {
        return "no answer from " + endpoint + " within " + timeoutSeconds(shard) + "s; check the"
            + " network route and firewall from here to it (VPC, authorized networks, private IP)"
            + " and that a " + server(shard) + " server listens there";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host " + shard.host() + "; check the host name in the shards file and DNS";
      }
      if (cause instanceof NoRouteToHostException) {
        return "no route to " + endpoint + "; check the network route and firewall from here";
      }
      if (cause instanceof SQLException sql) {
        switch (sql.getErrorCode()) {
          case ACCESS_DENIED:
            return "access denied for user " + shard.user() + " (" + oneLine(sql) + "); check"
                + " user and password in the shards file, or its secret";
          case DB_ACCESS_DENIED:
          case UNKNOWN_DATABASE:
            return oneLine(sql) + "; check dbName in the shards file and the user's grants";
          default:
            break;
        }
      }
    }
    return oneLine(error);
  }

  private static boolean postgres(Shard shard) {
    return shard.sourceType() == SourceType.POSTGRESQL;
  }

  private static String server(Shard shard) {
    return postgres(shard) ? "PostgreSQL" : "MySQL";
  }

  /** The connect timeout in force for {@code shard}, in seconds. */
  private static long timeoutSeconds(Shard shard) {
    String own = shard.connectionProperties().get(CONNECT_TIMEOUT_PROPERTY);
    if (own == null) {
      return LOGIN_TIMEOUT.toSeconds();
    }
    try {
      long value = Long.parseLong(own.trim());
      return postgres(shard) ? value : Duration.ofMillis(value).toSeconds();
    } catch (NumberFormatException e) {
      return LOGIN_TIMEOUT.toSeconds();
    }
  }

  private static String oneLine(Throwable error) {
    String message = error.getMessage();
    return message == null ? error.getClass().getSimpleName() : message.replaceAll("\\s+", " ").trim();
  }
}
