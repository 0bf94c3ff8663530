package dev.rr.launcher.spanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReachabilityProbeTest {
  private static final SpannerEndpoint GOOGLE = new SpannerEndpoint("spanner.googleapis.com", 443, "Spanner");
  private static final SpannerEndpoint EMULATOR =
      new SpannerEndpoint("localhost", 9010, "the Spanner emulator (--emulatorHost)");

  @Test
  void shouldProbeEndpointDirectlyWithoutAnyProxy() {
    ReachabilityProbe probe = ReachabilityProbe.decide(GOOGLE, new FakeSelector(Optional.empty()), Map.of());

    assertEquals(Optional.of("spanner.googleapis.com"), probe.host());
    assertEquals(443, probe.port());
    assertEquals(Optional.empty(), probe.note());
  }

  @Test
  void shouldProbeTheProxyTheJvmSelectsForTheEndpoint() {
    FakeSelector selector = new FakeSelector(Optional.of(new InetSocketAddress("proxy.corp", 3128)));

    ReachabilityProbe probe = ReachabilityProbe.decide(GOOGLE, selector, Map.of());

    assertEquals(List.of(URI.create("https://spanner.googleapis.com:443")), selector.asked);
    assertEquals(Optional.of("proxy.corp"), probe.host());
    assertEquals(3128, probe.port());
    assertTrue(probe.what().startsWith("the HTTPS proxy"), probe.what());
    assertTrue(probe.note().orElseThrow().contains("through proxy.corp:3128: probing the proxy instead"),
        probe.note().toString());
  }

  @Test
  void shouldSkipProbeAndSayHowToUseTheProxyWhenOnlyHttpsProxyVariableIsSet() {
    for (String name : List.of("https_proxy", "HTTPS_PROXY")) {
      ReachabilityProbe probe = ReachabilityProbe.decide(
          GOOGLE, new FakeSelector(Optional.empty()), Map.of(name, "http://proxy.corp:3128"));

      assertFalse(probe.probes(), name);
      String note = probe.note().orElseThrow();
      assertTrue(note.startsWith("https_proxy is set (http://proxy.corp:3128): not probing"
          + " spanner.googleapis.com:443 directly"), note);
      assertTrue(note.contains("-Dhttps.proxyHost"), note);
    }
  }

  @Test
  void shouldProbeDirectlyWhenNoProxyExcludesTheHost() {
    Map<String, String> environment =
        Map.of("https_proxy", "http://proxy.corp:3128", "NO_PROXY", "example.org, localhost:9010");

    ReachabilityProbe probe = ReachabilityProbe.decide(EMULATOR, new FakeSelector(Optional.empty()), environment);

    assertEquals(Optional.of("localhost"), probe.host());
    assertEquals(9010, probe.port());
    assertEquals(Optional.empty(), probe.note());
  }

  @Test
  void shouldMatchNoProxyEntriesByHostOrDomainSuffix() {
    assertTrue(ReachabilityProbe.excluded("spanner.googleapis.com", Optional.of(".googleapis.com")));
    assertTrue(ReachabilityProbe.excluded("spanner.googleapis.com", Optional.of("googleapis.com")));
    assertTrue(ReachabilityProbe.excluded("Spanner.GoogleApis.com", Optional.of("*")));
    assertFalse(ReachabilityProbe.excluded("spanner.googleapis.com", Optional.of("apis.com,localhost")));
    assertFalse(ReachabilityProbe.excluded("spanner.googleapis.com", Optional.of("")));
  }

  /** A JVM proxy selector that answers one proxy (or none) and records what it was asked. */
  private static final class FakeSelector extends ProxySelector {
    private final Optional<InetSocketAddress> proxy;
    final List<URI> asked = new ArrayList<>();

    FakeSelector(Optional<InetSocketAddress> proxy) {
      this.proxy = proxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
      asked.add(uri);
      return List.of(proxy.map(a -> new Proxy(Proxy.Type.HTTP, a)).orElse(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {}
  }
}
