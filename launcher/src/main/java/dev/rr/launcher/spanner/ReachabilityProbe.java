package dev.rr.launcher.spanner;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link SpannerEndpoint#requireReachable} connects, decided from the proxy settings, so
 * that a network reachable only through an HTTPS proxy is not reported "unreachable".
 *
 * <p>The Spanner client (gRPC) takes its proxy from the JVM's {@link ProxySelector} ({@code
 * -Dhttps.proxyHost=H -Dhttps.proxyPort=P}); it does not read {@code https_proxy}. Hence:
 * <ul>
 *   <li>the JVM selects a proxy for the endpoint: probe the proxy instead (the client connects to
 *       it, so it must answer);
 *   <li>else {@code https_proxy} / {@code HTTPS_PROXY} is set and {@code no_proxy} / {@code
 *       NO_PROXY} does not exclude the host: skip the probe (a direct connect may be blocked where
 *       the proxy is the way out), and say how to make the client use the proxy;
 *   <li>else probe the endpoint directly.
 * </ul>
 *
 * @param host host to connect to, empty when the probe is skipped
 * @param port port to connect to
 * @param what what is probed, for the failure message
 * @param note why the probe differs from a direct connect, for a log line; empty when direct
 */
public record ReachabilityProbe(Optional<String> host, int port, String what, Optional<String> note) {
  /** The probe for {@code endpoint} under {@code selector} and the {@code environment} variables. */
  public static ReachabilityProbe decide(
      SpannerEndpoint endpoint, ProxySelector selector, Map<String, String> environment) {
    Optional<InetSocketAddress> jvmProxy = jvmProxy(endpoint, selector);
    String target = endpoint.host() + ":" + endpoint.port();
    if (jvmProxy.isPresent()) {
      InetSocketAddress proxy = jvmProxy.get();
      return new ReachabilityProbe(Optional.of(proxy.getHostString()), proxy.getPort(),
          "the HTTPS proxy the JVM uses for " + endpoint.origin(),
          Optional.of("the JVM's proxy settings send " + target + " through " + proxy.getHostString()
              + ":" + proxy.getPort() + ": probing the proxy instead"));
    }
    Optional<String> envProxy = variable(environment, "https_proxy");
    if (envProxy.isPresent() && !excluded(endpoint.host(), variable(environment, "no_proxy"))) {
      return new ReachabilityProbe(Optional.empty(), 0, endpoint.origin(),
          Optional.of("https_proxy is set (" + envProxy.get() + "): not probing " + target
              + " directly; the Spanner client ignores https_proxy, so if " + target
              + " is reachable only through the proxy, pass -Dhttps.proxyHost and"
              + " -Dhttps.proxyPort (e.g. in JAVA_TOOL_OPTIONS)"));
    }
    return new ReachabilityProbe(Optional.of(endpoint.host()), endpoint.port(), endpoint.origin(),
        Optional.empty());
  }

  /** True when the probe connects somewhere. */
  public boolean probes() {
    return host.isPresent();
  }

  private static Optional<InetSocketAddress> jvmProxy(SpannerEndpoint endpoint, ProxySelector selector) {
    if (selector == null) {
      return Optional.empty();
    }
    List<Proxy> proxies = selector.select(
        URI.create("https://" + bracketed(endpoint.host()) + ":" + endpoint.port()));
    for (Proxy proxy : proxies) {
      SocketAddress address = proxy.address();
      if (proxy.type() == Proxy.Type.HTTP && address instanceof InetSocketAddress inet) {
        return Optional.of(inet);
      }
    }
    return Optional.empty();
  }

  /** The variable by its lower-case name, else its upper-case name; blank counts as unset. */
  private static Optional<String> variable(Map<String, String> environment, String lowerName) {
    for (String name : List.of(lowerName, lowerName.toUpperCase(Locale.ROOT))) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value.trim());
      }
    }
    return Optional.empty();
  }

  /**
   * True when a {@code no_proxy} list excludes {@code host}: {@code *}, the host itself, or a
   * domain suffix written {@code example.com} or {@code .example.com} (ports ignored).
   */
  static boolean excluded(String host, Optional<String> noProxy) {
    if (noProxy.isEmpty()) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    for (String raw : noProxy.get().split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(':') == colon) {
        entry = entry.substring(0, colon);
      }
      String domain = entry.startsWith(".") ? entry.substring(1) : entry;
      if (entry.equals("*") || (!domain.isEmpty()
          && (name.equals(domain) || name.endsWith("." + domain)))) {
        return true;
      }
    }
    return false;
  }

  private static String bracketed(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
