package dev.rr.launcher.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The services the benchmarks run against: the MySQL servers given on the command line, or
 * private MariaDB servers started for the run and stopped when it ends.
 */
public final class BenchEnvironment implements AutoCloseable {
  private final List<BenchServer> given;
  private final List<AutoCloseable> started = new ArrayList<>();

  /** An environment using {@code given} servers (empty: private servers are started). */
  public BenchEnvironment(List<BenchServer> given) {
    this.given = List.copyOf(given);
  }

  /**
   * {@code count} MySQL servers: the given ones, round-robin when fewer were given, or private
   * servers started now.
   */
  public List<BenchServer> mysqlServers(int count) {
    if (given.isEmpty()) {
      throw new IllegalStateException(
          "no MySQL server given: pass --mysqlServer host:port (private MariaDB start is not wired"
              + " yet)");
    }
    List<BenchServer> servers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      servers.add(given.get(i % given.size()));
    }
    return servers;
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (AutoCloseable service : started) {
      try {
        service.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
