package dev.rr.testing;

import dev.rr.common.local.MariaDbServer;
import java.util.ArrayList;
import java.util.List;

/** Private {@code mariadbd} servers, each with a temporary data directory removed at the end. */
final class MariaDbBackend implements MySqlBackend {

  private final List<MariaDbServer> servers = new ArrayList<>();

  @Override
  public synchronized MySqlTestServer newServer() {
    MariaDbServer server = MariaDbServer.startTemporary();
    servers.add(server);
    return new Server(server);
  }

  @Override
  public synchronized void close() {
    servers.forEach(MariaDbServer::close);
    servers.clear();
  }

  private record Server(MariaDbServer server) implements MySqlTestServer {

    @Override
    public String host() {
      return server.host();
    }

    @Override
    public int port() {
      return server.port();
    }

    @Override
    public MySqlTestDatabase newDatabase() {
      String name = DatabaseNames.next();
      server.createDatabase(name);
      return new MySqlTestDatabase(name, server.host(), server.port(), server.jdbcUrl(name), server.user(),
          server.password());
    }

    @Override
    public boolean canStop() {
      return true;
    }

    @Override
    public void stop() {
      server.stop();
    }

    @Override
    public void start() {
      server.start();
    }

    @Override
    public boolean isRunning() {
      return server.isRunning();
    }

    @Override
    public String describe() {
      return "private MariaDB " + server;
    }
  }
}
