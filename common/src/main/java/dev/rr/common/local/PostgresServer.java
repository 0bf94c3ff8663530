package dev.rr.common.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private, throwaway PostgreSQL cluster ({@code initdb} + {@code pg_ctl}) on a loopback port,
 * with its own directory, for tests and the quickstart. It can be stopped and started again on the
 * same port with its data intact; {@link #close()} stops it and, for a temporary server, deletes
 * its directory.
 *
 * <p>PostgreSQL refuses to run as root: when this JVM runs as root, {@code initdb} and {@code
 * pg_ctl} run as the {@value #OS_USER} system user (which Debian's package creates) through {@code
 * runuser}, on a directory that user owns. The client account {@value #USER} is the cluster's
 * superuser; authentication is {@code trust} on the loopback address, so any password is accepted.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.startTemporary()) {
 *   server.createDatabase("shard1");
 *   try (Connection c = server.connect("shard1")) { ... }
 * }
 * }</pre>
 */
public final class PostgresServer extends LocalDatabaseServer {

  /** Superuser created by {@code initdb}; the client account. */
  public static final String USER = "rr";
  /** Accepted but not checked: the cluster trusts loopback connections. */
  public static final String PASSWORD = "rr";
  /** System user the server runs as when this JVM runs as root. */
  public static final String OS_USER = "postgres";
  /** Where Debian installs each major version's programs ({@code <root>/<version>/bin}). */
  static final Path INSTALL_ROOT = Paths.get("/usr/lib/postgresql");

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,63}");
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);
  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

  private final Path binDir;

  private PostgresServer(Path binDir, Path directory, boolean temporary, int port) {
    super("postgres", directory, temporary, port);
    this.binDir = binDir;
  }

  /** Initializes a fresh temporary cluster and starts it on a free port. */
  public static PostgresServer startTemporary() {
    Path directory = temporaryDirectory("rr-postgres-", "PostgreSQL");
    PostgresServer server = new PostgresServer(locateBinDir(), directory, true, 0);
    try {
      server.initdb();
      server.startOnFreePort();
      return server;
    } catch (RuntimeException e) {
      throw server.closeAfterFailedStart(e);
    }
  }

  /**
   * Starts a cluster in {@code directory} on {@code port}: its data lives in {@code
   * directory/data} (initialized first when missing). Run as root, every directory above it must
   * be searchable by {@value #OS_USER}. {@link #close()} stops it and keeps the data.
   */
  public static PostgresServer startIn(Path directory, int port) {
    PostgresServer server = new PostgresServer(locateBinDir(), directory, false, port);
    if (!Files.isRegularFile(server.dataDir().resolve("PG_VERSION"))) {
      server.initdb();
    }
    server.start();
    return server;
  }

  /** Whether PostgreSQL's server programs are installed. */
  public static boolean isInstalled() {
    return findBinDir().isPresent();
  }

  /**
   * The {@code bin} directory of the newest installed PostgreSQL.
   *
   * @throws LocalServiceException naming where it looked and how to install it
   */
  public static Path locateBinDir() {
    return findBinDir().orElseThrow(() -> new LocalServiceException("no PostgreSQL found in "
        + INSTALL_ROOT + "/*/bin (initdb, pg_ctl). Install it:"
        + " DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql"));
  }

  /** Starts the cluster on its port with its data; does nothing when it is running. */
  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    String options = "-p " + port() + " -k '" + directory() + "' -c listen_addresses=" + LocalPorts.LOOPBACK;
    try {
      pgCtl("start", List.of("-l", logFile().toString(), "-o", options, "-t", "60"));
    } catch (LocalServiceException e) {
      // pg_ctl's own output says little; the server's log says why (a port in use, ...).
      throw new ExitedDuringStartException("PostgreSQL on port " + port() + " did not start: "
          + e.getMessage() + "\n--- last lines of " + logFile() + " ---\n"
          + String.join("\n", LocalProcess.tail(logFile(), 20)), e);
    }
    LOG.info("[postgres] listening on {}:{} (datadir {})", LocalPorts.LOOPBACK, port(), dataDir());
  }

  /** Stops the cluster (fast shutdown: sessions are ended), keeping its data and port. */
  @Override
  public synchronized void stop() {
    if (Files.exists(dataDir().resolve("postmaster.pid"))) {
      pgCtl("stop", List.of("-m", "fast"));
      LOG.info("[postgres] stopped {}:{}", LocalPorts.LOOPBACK, port());
    }
  }

  /** Whether the cluster runs: its pid file exists and its port accepts connections. */
  @Override
  public synchronized boolean isRunning() {
    return Files.exists(dataDir().resolve("postmaster.pid")) && LocalPorts.isListening(LocalPorts.LOOPBACK, port());
  }

  /** Creates database {@code name} if it does not exist ({@code [A-Za-z0-9_]}, up to 63 characters). */
  @Override
  public void createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + name);
    }
    try (Connection connection = connect(null);
        PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement statement = connection.createStatement()) {
        // CREATE DATABASE takes no parameters; the name was checked above.
        statement.execute("CREATE DATABASE \"" + name + "\"");
      }
    } catch (SQLException e) {
      throw new LocalServiceException("cannot create database " + name + " on " + jdbcUrl(null), e);
    }
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}; database {@code postgres} when null. */
  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + LocalPorts.LOOPBACK + ":" + port() + "/" + (database == null ? "postgres" : database);
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public String password() {
    return PASSWORD;
  }

  /** The server's log (every start), beside the data directory. */
  @Override
  public Path logFile() {
    return directory().resolve("postgres.log");
  }

  private void initdb() {
    ownDirectory();
    List<String> command = asServerUser(binDir.resolve("initdb").toString(), "-D", dataDir().toString(),
        "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync");
    LocalProcess.run("initdb", command, directory().resolve("initdb.log"), INITDB_TIMEOUT);
  }

  private void pgCtl(String action, List<String> options) {
    List<String> command = new ArrayList<>(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-w"));
    command.addAll(options);
    command.add(action);
    LocalProcess.run("pg_ctl " + action, asServerUser(command.toArray(String[]::new)),
        directory().resolve("pg_ctl.log"), PG_CTL_TIMEOUT);
  }

  /** Creates the directory and, as root, hands it to {@value #OS_USER}. */
  private void ownDirectory() {
    Path directory = directory();
    try {
      Files.createDirectories(directory);
      if (isRoot()) {
        UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal group = users.lookupPrincipalByGroupName(OS_USER);
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(OS_USER));
        view.setGroup(group);
      }
    } catch (IOException e) {
      throw new LocalServiceException("cannot prepare " + directory + " for PostgreSQL (does the system user "
          + OS_USER + " exist? the postgresql package creates it)", e);
    }
  }

  private static List<String> asServerUser(String... command) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", OS_USER, "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Optional<Path> findBinDir() {
    if (!Files.isDirectory(INSTALL_ROOT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(INSTALL_ROOT)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
          .max(Comparator.comparingInt(PostgresServer::majorVersion));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int majorVersion(Path bin) {
    String name = bin.getParent().getFileName().toString();
    return name.matches("\\d+") ? Integer.parseInt(name) : -1;
  }
}
