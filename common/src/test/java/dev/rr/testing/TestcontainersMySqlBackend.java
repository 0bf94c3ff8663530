package dev.rr.testing;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.rr.common.local.LocalPorts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * MySQL 8 containers (Testcontainers), each bound to a fixed free host port so that a stopped and
 * started container is found where it was. Only loaded when Testcontainers is on the classpath.
 */
final class TestcontainersMySqlBackend implements MySqlBackend {

  static final DockerImageName IMAGE = DockerImageName.parse("mysql:8.0");
  static final String ROOT_PASSWORD = "rr";
  private static final int MYSQL_PORT = 3306;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final List<MySQLContainer<?>> containers = new ArrayList<>();

  /** Whether Docker answers. Call only when Testcontainers is on the classpath. */
  static boolean isDockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  @Override
  public synchronized MySqlTestServer newServer() {
    int hostPort = LocalPorts.freePort();
    MySQLContainer<?> container = new MySQLContainer<>(IMAGE)
        .withUsername("root")
        .withPassword(ROOT_PASSWORD)
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
            new PortBinding(Ports.Binding.bindPort(hostPort), new ExposedPort(MYSQL_PORT))));
    container.start();
    containers.add(container);
    return new Server(container, hostPort);
  }

  @Override
  public synchronized void close() {
    containers.forEach(MySQLContainer::stop);
    containers.clear();
  }

  /** One MySQL 8 container; stop/start pause and resume the same container (data and port kept). */
  static final class Server implements MySqlTestServer {

    private final MySQLContainer<?> container;
    private final int hostPort;
    private boolean running = true;

    Server(MySQLContainer<?> container, int hostPort) {
      this.container = container;
      this.hostPort = hostPort;
    }

    @Override
    public String host() {
      return container.getHost();
    }

    @Override
    public int port() {
      return hostPort;
    }

    String jdbcUrl(String database) {
      return "jdbc:mysql://" + host() + ":" + hostPort + "/" + database + "?allowPublicKeyRetrieval=true&useSSL=false";
    }

    @Override
    public MySqlTestDatabase newDatabase() {
      String name = DatabaseNames.next();
      try (Connection connection = DriverManager.getConnection(jdbcUrl(""), "root", ROOT_PASSWORD);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE `" + name + "`");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create database " + name + " in " + describe(), e);
      }
      return new MySqlTestDatabase(name, host(), hostPort, jdbcUrl(name), "root", ROOT_PASSWORD);
    }

    @Override
    public boolean canStop() {
      return true;
    }

    @Override
    public synchronized void stop() {
      container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
      running = false;
    }

    @Override
    public synchronized void start() {
      if (running) {
        return;
      }
      container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
      awaitLogin();
      running = true;
    }

    @Override
    public synchronized boolean isRunning() {
      return running;
    }

    @Override
    public String describe() {
      return "Testcontainers " + IMAGE + " on " + host() + ":" + hostPort;
    }

    private void awaitLogin() {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      SQLException last = null;
      while (System.nanoTime() < deadline) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), "root", ROOT_PASSWORD)) {
          return;
        } catch (SQLException e) {
          last = e;
          try {
            Thread.sleep(200);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + describe(), ie);
          }
        }
      }
      throw new IllegalStateException(describe() + " did not accept logins within " + START_TIMEOUT, last);
    }
  }
}
