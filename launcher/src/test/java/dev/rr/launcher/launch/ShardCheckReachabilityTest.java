package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.input.Shard;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An unreachable shard fails the launch check in seconds with a sentence naming host:port and
 * what to check, whatever the shards file says about timeouts (here: nothing).
 */
class ShardCheckReachabilityTest {
  /** The check may take a connect timeout and a handshake timeout, no more. */
  private static final Duration LIMIT = Duration.ofSeconds(12);

  @Test
  void shouldReportRefusedPortInSecondsWithWhatToCheck() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    Shard refused = new Shard("s1", "127.0.0.1", port, "u", "p", "db", Map.of());

    List<String> problems = assertTimeoutPreemptively(LIMIT, () -> check(refused));

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("shard s1 (127.0.0.1:" + port + "/db): cannot connect"
        + " as u: connection refused: nothing listens at 127.0.0.1:" + port), problems.get(0));
    assertTrue(problems.get(0).contains("check host and port in the shards file"), problems.get(0));
  }

  @Test
  void shouldReportServerThatNeverAnswersInSeconds() throws Exception {
    // Accepts TCP connections (the kernel completes them) but never speaks MySQL.
    try (ServerSocket silent = new ServerSocket(0)) {
      Shard mute = new Shard("s2", "127.0.0.1", silent.getLocalPort(), "u", "p", "db", Map.of());

      List<String> problems = assertTimeoutPreemptively(LIMIT, () -> check(mute));

      assertEquals(1, problems.size(), problems.toString());
      assertTrue(problems.get(0).contains("no answer from 127.0.0.1:" + silent.getLocalPort()
          + " within"), problems.get(0));
      assertTrue(problems.get(0).contains("firewall"), problems.get(0));
    }
  }

  @Test
  void shouldReportBlackholedAddressInSeconds() {
    // Unroutable on most networks (the connect hangs); on some sandboxes it accepts and stays
    // silent. Either way: a timeout, in seconds, naming the endpoint.
    Shard blackholed = new Shard("s3", "10.255.255.1", 3306, "u", "p", "db", Map.of());

    List<String> problems = assertTimeoutPreemptively(LIMIT, () -> check(blackholed));

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("shard s3 (10.255.255.1:3306/db): cannot connect as u: "),
        problems.get(0));
    assertTrue(problems.get(0).contains("10.255.255.1:3306 within"), problems.get(0));
  }

  private static List<String> check(Shard shard) throws IOException {
    return ShardCheck.check(shard, IdentitySchemaMapping.builder().build(), Set.of(), true).problems();
  }
}
