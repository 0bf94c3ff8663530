package dev.rr.testing;

import dev.rr.common.local.MariaDbServer;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit 5 extension giving tests real MySQL-compatible servers, from the first source that works:
 * <ol>
 *   <li>{@value #URL_ENV} (an existing server; stop/start unsupported),
 *   <li>private MariaDB servers ({@code mariadbd} installed),
 *   <li>Testcontainers MySQL 8 (Docker available),
 *   <li>otherwise the test fails, naming these three options. It never skips.
 * </ol>
 * Servers are shared by the tests of one JVM and started on first use; before each test, a server
 * that an earlier test left stopped is started again. Each {@link #newDatabase()} is a fresh database.
 *
 * <pre>{@code
 * @RegisterExtension static MySqlExtension mysql = new MySqlExtension();
 *
 * @Test void shouldKeepWorkingWhenOtherShardIsDown() {
 *   List<MySqlTestServer> shards = mysql.servers(2);
 *   MySqlTestDatabase db1 = shards.get(0).newDatabase();
 *   shards.get(1).stop();      // fails clearly with RR_TEST_MYSQL_URL
 *   ...
 *   shards.get(1).start();
 * }
 * }</pre>
 */
public final class MySqlExtension extends ServerPool.Extension {

  /** JDBC URL of an existing server to use instead of private ones. */
  public static final String URL_ENV = "RR_TEST_MYSQL_URL";
  /** User for {@value #URL_ENV} when the URL has none (default root). */
  public static final String USER_ENV = "RR_TEST_MYSQL_USER";
  /** Password for {@value #URL_ENV} when the URL has none (default empty). */
  public static final String PASSWORD_ENV = "RR_TEST_MYSQL_PASSWORD";

  @Override
  ServerPool<?> pool() {
    return Pool.INSTANCE;
  }

  /** Server {@code index} (0-based), starting servers up to it when needed. */
  public MySqlTestServer server(int index) {
    return Pool.INSTANCE.server(index);
  }

  /** The first {@code count} servers. */
  public List<MySqlTestServer> servers(int count) {
    List<MySqlTestServer> servers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      servers.add(server(i));
    }
    return servers;
  }

  /** A fresh database on server 0. */
  public MySqlTestDatabase newDatabase() {
    return server(0).newDatabase();
  }

  /** Which kind of server the tests get, for messages. */
  public String describe() {
    return server(0).describe();
  }

  /** The JVM-wide servers, all from the backend chosen on first use. */
  static final class Pool extends ServerPool<MySqlTestServer> {

    static final Pool INSTANCE = new Pool();

    private MySqlBackend backend;

    private Pool() {
      super("rr-mysql-shutdown");
    }

    @Override
    MySqlTestServer newServer() {
      if (backend == null) {
        backend = chooseBackend();
      }
      return backend.newServer();
    }

    @Override
    boolean isStoppedAndRestartable(MySqlTestServer server) {
      return server.canStop() && !server.isRunning();
    }

    @Override
    void start(MySqlTestServer server) {
      server.start();
    }

    @Override
    void closeAll(List<MySqlTestServer> servers) {
      if (backend != null) {
        backend.close();
        backend = null;
      }
    }

    private static MySqlBackend chooseBackend() {
      String url = System.getenv(URL_ENV);
      if (url != null && !url.isBlank()) {
        return ExternalMySqlBackend.parse(url.trim(), System.getenv(USER_ENV), System.getenv(PASSWORD_ENV));
      }
      if (MariaDbServer.isInstalled()) {
        return new MariaDbBackend();
      }
      if (testcontainersOnClasspath() && TestcontainersMySqlBackend.isDockerAvailable()) {
        return new TestcontainersMySqlBackend();
      }
      throw new IllegalStateException("No MySQL-compatible server for integration tests. Provide one of:"
          + " (1) " + URL_ENV + "=jdbc:mysql://host:port/?user=U&password=P (an existing server);"
          + " (2) MariaDB installed so that mariadbd and mariadb-install-db are on PATH or in /usr/sbin"
          + " (DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server; scripts/test.sh does it);"
          + " (3) a running Docker engine for Testcontainers MySQL 8 (org.testcontainers:mysql on the test classpath).");
    }

    private static boolean testcontainersOnClasspath() {
      try {
        Class.forName("org.testcontainers.DockerClientFactory", false, MySqlExtension.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }
}
