package dev.rr.common.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for local services: picking a free one and waiting until one accepts connections. */
public final class LocalPorts {

  /** The address local services bind to. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final int CONNECT_TIMEOUT_MILLIS = 200;
  private static final long POLL_MILLIS = 25;

  private LocalPorts() {}

  /**
   * A port that was free on the loopback interface a moment ago. Another process may still take it
   * before the caller binds it; callers that start a server retry on a fresh port when that happens.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback port", e);
    }
  }

  /** Whether something accepts TCP connections on {@code host:port} right now. */
  public static boolean isListening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@code host:port} accepts connections. Fails early when {@code process} exits, and
   * after {@code timeout}; {@code what} names the service in the error.
   */
  static void awaitListening(String what, LocalProcess process, String host, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isListening(host, port)) {
      if (!process.isAlive()) {
        throw new ExitedDuringStartException(
            what + " exited with code " + process.exitCode() + " before listening on " + host + ":" + port
                + process.logTailForError());
      }
      if (System.nanoTime() > deadline) {
        throw new LocalServiceException(
            what + " did not listen on " + host + ":" + port + " within " + timeout + process.logTailForError());
      }
      sleep(POLL_MILLIS);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalServiceException("interrupted while waiting for a local service", e);
    }
  }
}
