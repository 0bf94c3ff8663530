package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.metadata.ShardStatus;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.status.RunState;
import dev.rr.launcher.status.ShardState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunOutcomeTest {
  private static ShardState shard(String id, ShardStatus status, String error) {
    Optional<Timestamp> at = Optional.of(Timestamp.parseTimestamp("2024-05-01T10:00:00Z"));
    return new ShardState(id, Optional.of(status), at, at, at, 4, Optional.ofNullable(error));
  }

  private static String report(RunState state, int expectedExit) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    assertEquals(expectedExit, RunOutcome.report(state, out));
    out.flush();
    return text.toString();
  }

  @Test
  void shouldFailListingEveryShardInErrorOneLineEach() {
    RunState state = new RunState("r1", Instant.EPOCH, List.of(
        shard("s1", ShardStatus.SUCCESS, null),
        shard("s2", ShardStatus.ERROR, "Data too long for column 'note'\n  at row 1"),
        shard("s3", ShardStatus.ERROR, null)));

    String text = report(state, ExitCode.FAILURE);

    List<String> lines = text.lines().toList();
    assertEquals(3, lines.size(), text);
    assertEquals("  shard s2: ERROR: Data too long for column 'note' at row 1", lines.get(1));
    assertEquals("  shard s3: ERROR: (no error text recorded)", lines.get(2));
    assertEquals(true, lines.get(0).startsWith("run r1 ended with 2 of 3 shard(s) in ERROR"), text);
  }

  @Test
  void shouldSucceedWhenNoShardIsInError() {
    RunState state = new RunState("r1", Instant.EPOCH, List.of(
        shard("s1", ShardStatus.SUCCESS, null), shard("s2", ShardStatus.RETRYING, "lock wait")));

    assertEquals("run r1 ended: 2 shard(s), none in ERROR\n", report(state, ExitCode.OK));
  }
}
