package dev.rr.common.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the private database servers of tests and the quickstart share: a directory holding the
 * data, a loopback port kept across restarts, a client account, and {@link #close()} that stops the
 * server and deletes a temporary server's directory. Subclasses say how the server is initialized,
 * started and stopped.
 */
public abstract sealed class LocalDatabaseServer implements AutoCloseable permits MariaDbServer, PostgresServer {

  /** Start attempts on fresh free ports before giving up. */
  private static final int MAX_START_ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(LocalDatabaseServer.class);

  private final String logName;
  private final Path directory;
  private final Path dataDir;
  private final boolean temporary;
  private int port;

  LocalDatabaseServer(String logName, Path directory, boolean temporary, int port) {
    this.logName = logName;
    this.directory = directory;
    this.dataDir = directory.resolve("data");
    this.temporary = temporary;
    this.port = port;
  }

  /** A new temporary directory {@code <prefix>*} for a server, or the reason it cannot be made. */
  static Path temporaryDirectory(String prefix, String product) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new LocalServiceException("cannot create a directory for " + product, e);
    }
  }

  /** Starts the server on its port with its data; does nothing when it is running. */
  public abstract void start();

  /** Stops the server cleanly, keeping its data and port. */
  public abstract void stop();

  public abstract boolean isRunning();

  /** The JDBC URL of {@code database} on this server (null: the server's default database). */
  public abstract String jdbcUrl(String database);

  /** The server's log (stdout and stderr of every start). */
  public abstract Path logFile();

  /** The client account. */
  public abstract String user();

  public abstract String password();

  /** Creates database {@code name} if it does not exist. */
  public abstract void createDatabase(String name);

  /** Stops and starts the server on the same port with the same data. */
  public synchronized void restart() {
    stop();
    start();
  }

  /** A new connection as the client account to {@code database} (null: the default database). */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user(), password());
  }

  public String host() {
    return LocalPorts.LOOPBACK;
  }

  public int port() {
    return port;
  }

  /** The server's directory: the data directory, the socket and the logs. */
  public Path directory() {
    return directory;
  }

  /** The data directory ({@code directory()/data}). */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server; a temporary server's directory (data included) is deleted. */
  @Override
  public synchronized void close() {
    try {
      stop();
    } finally {
      if (temporary) {
        deleteRecursively(directory);
      }
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + LocalPorts.LOOPBACK + ":" + port + ", datadir=" + dataDir + "]";
  }

  /** Starts on a fresh free port; a port taken by another process before the server binds it is retried. */
  final void startOnFreePort() {
    LocalServiceException last = null;
    for (int attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
      port = LocalPorts.freePort();
      try {
        start();
        return;
      } catch (ExitedDuringStartException e) {
        last = e;
        LOG.warn("[{}] start attempt {} on port {} failed: {}", logName, attempt, port, e.getMessage());
      }
    }
    throw last;
  }

  /** Stops a server that failed to come up and rethrows; the temporary directory goes too. */
  final RuntimeException closeAfterFailedStart(RuntimeException failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  private void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("[{}] cannot delete directory {}", logName, dir, e);
    }
  }
}
