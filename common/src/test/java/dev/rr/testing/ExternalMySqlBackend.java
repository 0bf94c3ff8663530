package dev.rr.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The server at {@code RR_TEST_MYSQL_URL} ({@code jdbc:mysql://host[:port]/[db][?user=..&password=..&...]},
 * or user and password from {@code RR_TEST_MYSQL_USER} / {@code RR_TEST_MYSQL_PASSWORD}). Every
 * "server" is a handle to that one server; it cannot be stopped from here.
 */
final class ExternalMySqlBackend implements MySqlBackend {

  static final String PREFIX = "jdbc:mysql://";
  private static final int DEFAULT_PORT = 3306;

  private final String host;
  private final int port;
  private final String authority;
  private final String properties;
  private final String user;
  private final String password;

  private ExternalMySqlBackend(String authority, String properties, String user, String password) {
    this.authority = authority;
    this.properties = properties;
    this.user = user;
    this.password = password;
    int colon = authority.lastIndexOf(':');
    this.host = colon < 0 ? authority : authority.substring(0, colon);
    this.port = colon < 0 ? DEFAULT_PORT : Integer.parseInt(authority.substring(colon + 1));
  }

  /** Parses {@code url}; {@code user}/{@code password} apply when the URL has none. */
  static ExternalMySqlBackend parse(String url, String user, String password) {
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException(MySqlExtension.URL_ENV + " must start with " + PREFIX + ": " + url);
    }
    String rest = url.substring(PREFIX.length());
    int query = rest.indexOf('?');
    String beforeQuery = query < 0 ? rest : rest.substring(0, query);
    int slash = beforeQuery.indexOf('/');
    String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    if (authority.isEmpty() || authority.contains(",")) {
      throw new IllegalArgumentException(MySqlExtension.URL_ENV + " must name one host[:port]: " + url);
    }
    String foundUser = user;
    String foundPassword = password;
    List<String> kept = new ArrayList<>();
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&")) {
        if (pair.startsWith("user=")) {
          foundUser = pair.substring("user=".length());
        } else if (pair.startsWith("password=")) {
          foundPassword = pair.substring("password=".length());
        } else if (!pair.isEmpty()) {
          kept.add(pair);
        }
      }
    }
    return new ExternalMySqlBackend(authority, String.join("&", kept), foundUser == null ? "root" : foundUser,
        foundPassword == null ? "" : foundPassword);
  }

  /** The URL of {@code database} (empty: none), with the original connection properties but no credentials. */
  String jdbcUrl(String database) {
    return PREFIX + authority + "/" + database + (properties.isEmpty() ? "" : "?" + properties);
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  @Override
  public MySqlTestServer newServer() {
    return new Server();
  }

  @Override
  public void close() {
    // The server is not ours: nothing to stop. Test databases stay for inspection.
  }

  private final class Server implements MySqlTestServer {

    @Override
    public String host() {
      return host;
    }

    @Override
    public int port() {
      return port;
    }

    @Override
    public MySqlTestDatabase newDatabase() {
      String name = DatabaseNames.next();
      try (Connection connection = DriverManager.getConnection(jdbcUrl(""), user, password);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE `" + name + "`");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create database " + name + " at " + jdbcUrl("") + " as " + user
            + " (from " + MySqlExtension.URL_ENV + ")", e);
      }
      return new MySqlTestDatabase(name, host, port, jdbcUrl(name), user, password);
    }

    @Override
    public boolean canStop() {
      return false;
    }

    @Override
    public void stop() {
      throw unsupported("stop");
    }

    @Override
    public void start() {
      throw unsupported("start");
    }

    @Override
    public boolean isRunning() {
      return true;
    }

    @Override
    public String describe() {
      return "external server " + authority + " (" + MySqlExtension.URL_ENV + ")";
    }

    private UnsupportedOperationException unsupported(String action) {
      return new UnsupportedOperationException("This test needs to " + action + " a MySQL server, which is not"
          + " possible for the external server at " + MySqlExtension.URL_ENV + ". Unset " + MySqlExtension.URL_ENV
          + " to use private MariaDB servers (mariadbd) or Testcontainers.");
    }
  }
}
