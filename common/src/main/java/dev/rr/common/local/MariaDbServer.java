package dev.rr.common.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private, throwaway MariaDB server ({@code mariadbd}) on a loopback port, with its own data
 * directory, for tests and the quickstart. It can be stopped and started again on the same port
 * with its data intact; {@link #close()} stops it and, for a temporary server, deletes its data.
 *
 * <pre>{@code
 * try (MariaDbServer server = MariaDbServer.startTemporary()) {
 *   server.createDatabase("shard1");
 *   try (Connection c = DriverManager.getConnection(server.jdbcUrl("shard1"), server.user(), server.password())) { ... }
 * }
 * }</pre>
 */
public final class MariaDbServer extends LocalDatabaseServer {

  /**
   * Version the server reports. Connector/J drops fractional seconds of bound temporal parameters
   * when it sees MariaDB's default {@code 5.5.5-...} prefix; a version >= 5.7.20 breaks the handshake.
   */
  public static final String REPORTED_VERSION = "5.7.19-10.11.19-MariaDB";
  /** Account created for clients: all privileges, password authentication over TCP. */
  public static final String USER = "rr";
  public static final String PASSWORD = "rr";

  static final String SERVER_BINARY = "mariadbd";
  static final String INSTALL_BINARY = "mariadb-install-db";
  private static final List<Path> SEARCH_DIRS = List.of(Paths.get("/usr/sbin"), Paths.get("/usr/bin"));
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  /** Once the port listens, logins work within a moment; longer means they never will. */
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(20);
  private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);

  private final Path serverBinary;
  private final Path tmpDir;
  private LocalProcess process;

  private MariaDbServer(Path serverBinary, Path directory, boolean temporary, int port) {
    super("mariadb", directory, temporary, port);
    this.serverBinary = serverBinary;
    // A private tmpdir: at startup mariadbd deletes every #sql* file in its tmpdir, so servers
    // sharing /tmp (or concurrent mariadb-install-db runs) destroy each other's temporary tables.
    this.tmpDir = directory.resolve("tmp");
  }

  /** Initializes a fresh temporary server directory and starts a server on a free port. */
  public static MariaDbServer startTemporary() {
    Path directory = temporaryDirectory("rr-mariadb-", "MariaDB");
    MariaDbServer server = new MariaDbServer(locate(SERVER_BINARY), directory, true, 0);
    try {
      server.install();
      server.startOnFreePort();
      return server;
    } catch (RuntimeException e) {
      throw server.closeAfterFailedStart(e);
    }
  }

  /**
   * Starts a server in {@code directory} on {@code port}: its data lives in {@code directory/data}
   * (initialized first when it holds no database yet), its temporary files in {@code directory/tmp}.
   * {@link #close()} stops it and keeps the data.
   */
  public static MariaDbServer startIn(Path directory, int port) {
    MariaDbServer server = new MariaDbServer(locate(SERVER_BINARY), directory, false, port);
    if (!Files.isDirectory(server.dataDir().resolve("mysql"))) {
      server.install();
    }
    server.start();
    return server;
  }

  /** Whether {@code mariadbd} and {@code mariadb-install-db} are installed. */
  public static boolean isInstalled() {
    return find(SERVER_BINARY).isPresent() && find(INSTALL_BINARY).isPresent();
  }

  /**
   * An installed MariaDB program: on {@code PATH}, else in /usr/sbin or /usr/bin.
   *
   * @throws LocalServiceException naming where it looked and how to install it
   */
  public static Path locate(String program) {
    return find(program).orElseThrow(() -> new LocalServiceException(
        program + " not found on PATH nor in " + SEARCH_DIRS
            + ". Install MariaDB: DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server"));
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    createDirectories();
    process = LocalProcess.start("mariadbd", serverCommand(), logFile());
    try {
      LocalPorts.awaitListening("mariadbd (datadir " + dataDir() + ")", process, LocalPorts.LOOPBACK, port(),
          STARTUP_TIMEOUT);
      ensureClientAccount();
    } catch (RuntimeException e) {
      process.stop();
      throw e;
    }
    LOG.info("[mariadb] pid {} listening on {}:{} (datadir {})", process.pid(), LocalPorts.LOOPBACK, port(), dataDir());
  }

  /** Stops the server (SIGTERM: a clean shutdown), keeping its data and port. */
  @Override
  public synchronized void stop() {
    if (process != null) {
      process.stop();
      LOG.info("[mariadb] stopped {}:{}", LocalPorts.LOOPBACK, port());
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Creates database {@code name} if it does not exist ({@code [A-Za-z0-9_]}, up to 64 characters). */
  @Override
  public void createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + name);
    }
    try (Connection connection = connect(null); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS `" + name + "`");
    } catch (SQLException e) {
      throw new LocalServiceException("cannot create database " + name + " on " + jdbcUrl(null), e);
    }
  }

  /** {@code jdbc:mysql://127.0.0.1:<port>/<database>}; no database part when {@code database} is null. */
  @Override
  public String jdbcUrl(String database) {
    return "jdbc:mysql://" + LocalPorts.LOOPBACK + ":" + port() + "/" + (database == null ? "" : database);
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public String password() {
    return PASSWORD;
  }

  /** The server's log (stdout and stderr of every start), inside the data directory. */
  @Override
  public Path logFile() {
    return dataDir().resolve("mariadbd.log");
  }

  private void install() {
    List<String> command = List.of(locate(INSTALL_BINARY).toString(), "--no-defaults",
        "--datadir=" + dataDir(), "--tmpdir=" + tmpDir, "--user=root", "--auth-root-authentication-method=normal",
        "--skip-test-db");
    createDirectories();
    LocalProcess.run("mariadb-install-db", command, directory().resolve("install.log"), INSTALL_TIMEOUT);
  }

  private void createDirectories() {
    try {
      Files.createDirectories(dataDir());
      Files.createDirectories(tmpDir);
    } catch (IOException e) {
      throw new LocalServiceException("cannot create MariaDB directories in " + directory(), e);
    }
  }

  private List<String> serverCommand() {
    List<String> command = new ArrayList<>();
    command.add(serverBinary.toString());
    command.add("--no-defaults");
    command.add("--datadir=" + dataDir());
    command.add("--tmpdir=" + tmpDir);
    command.add("--socket=" + directory().resolve("mariadbd.sock"));
    command.add("--port=" + port());
    command.add("--bind-address=" + LocalPorts.LOOPBACK);
    command.add("--user=root");
    command.add("--skip-name-resolve");
    command.add("--innodb-buffer-pool-size=64M");
    command.add("--character-set-server=utf8mb4");
    command.add("--version=" + REPORTED_VERSION);
    return command;
  }

  /** Creates the client account on first start (root has no password and local access only). */
  private void ensureClientAccount() {
    // Timeouts: whatever listens on the port must answer the handshake, or we try again.
    String rootUrl = jdbcUrl(null) + "?connectTimeout=2000&socketTimeout=2000";
    SQLException last = null;
    long deadline = System.nanoTime() + LOGIN_TIMEOUT.toNanos();
    // Listening comes a moment before the server accepts logins; retry until the deadline.
    while (System.nanoTime() < deadline) {
      try (Connection connection = DriverManager.getConnection(rootUrl, "root", "");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
        statement.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION");
        return;
      } catch (SQLException e) {
        last = e;
        if (!process.isAlive()) {
          break;
        }
        LocalPorts.sleep(50);
      }
    }
    String message = "mariadbd on port " + port() + " does not accept connections" + process.logTailForError();
    if (!process.isAlive()) {
      throw new ExitedDuringStartException(message, last);
    }
    throw new LocalServiceException(message, last);
  }

  private static Optional<Path> find(String program) {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(Paths.get(dir));
        }
      }
    }
    dirs.addAll(SEARCH_DIRS);
    return dirs.stream().map(dir -> dir.resolve(program)).filter(Files::isExecutable).findFirst();
  }
}
