package dev.rr.launcher.spanner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network endpoint a {@link SpannerTarget} talks to, probed before a client is built: the
 * Spanner client retries an unreachable endpoint for 30-45 s and then reports raw gRPC text, so
 * an operator learns in seconds, and in words, which endpoint is down and what to check.
 *
 * @param host host name or address
 * @param port TCP port
 * @param origin where the endpoint came from, named in the message (an option or the default)
 */
public record SpannerEndpoint(String host, int port, String origin) {
  /** How long a TCP connect may take before the endpoint counts as unreachable. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private static final Logger LOG = LoggerFactory.getLogger(SpannerEndpoint.class);
  private static final String DEFAULT_HOST = "spanner.googleapis.com";

  /** The endpoint {@code target} uses: the emulator, a custom host, or Google's. */
  public static SpannerEndpoint of(SpannerTarget target) {
    if (target.emulatorHost().isPresent()) {
      String hostPort = target.emulatorHost().get();
      int colon = hostPort.lastIndexOf(':');
      return new SpannerEndpoint(hostPort.substring(0, colon),
          Integer.parseInt(hostPort.substring(colon + 1)), "the Spanner emulator (--emulatorHost)");
    }
    if (target.host().isPresent()) {
      URI uri = URI.create(target.host().get());
      int port = uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
      return new SpannerEndpoint(uri.getHost(), port, "Spanner (--spannerHost)");
    }
    return new SpannerEndpoint(DEFAULT_HOST, 443, "Spanner");
  }

  /**
   * Opens and closes one TCP connection to the endpoint, or to the HTTPS proxy the client will
   * use; skipped (with a log line) when {@code https_proxy} may be the only way out, see {@link
   * ReachabilityProbe}.
   *
   * @throws IllegalStateException naming the endpoint and what to check when it cannot be reached
   *     within {@link #CONNECT_TIMEOUT}
   */
  public void requireReachable() {
    ReachabilityProbe probe = ReachabilityProbe.decide(this, ProxySelector.getDefault(), System.getenv());
    probe.note().ifPresent(note -> LOG.info("[spanner] {}", note));
    if (!probe.probes()) {
      return;
    }
    String probeHost = probe.host().get();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(probeHost, probe.port()), (int) CONNECT_TIMEOUT.toMillis());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + probe.what() + " at " + probeHost + ":"
          + probe.port() + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + ", within " + CONNECT_TIMEOUT.toSeconds() + "s): " + hint(), e);
    }
  }

  private String hint() {
    return origin.contains("emulator")
        ? "is the emulator running and listening there? (gcloud emulators spanner start, or the"
            + " host:port it printed)"
        : "check the network route, proxy and firewall to it"
            + (origin.contains("--spannerHost") ? ", and --spannerHost" : "");
  }
}
