package dev.rr.testing;

/**
 * A MySQL-compatible server handed out by {@link MySqlExtension}. Private servers (MariaDB,
 * Testcontainers) can be stopped and started again on the same port with their data; the server
 * at {@code RR_TEST_MYSQL_URL} cannot, and {@link #stop()} then fails the test with the reason.
 */
public interface MySqlTestServer {

  String host();

  int port();

  /** A new empty database on this server, unique in the test run. */
  MySqlTestDatabase newDatabase();

  /** Whether {@link #stop()}/{@link #start()} are supported. */
  boolean canStop();

  /** Stops the server, keeping its data and port. */
  void stop();

  /** Starts a stopped server on the same port; does nothing when it runs. */
  void start();

  boolean isRunning();

  default void restart() {
    stop();
    start();
  }

  /** Which kind of server this is, for messages. */
  String describe();
}
