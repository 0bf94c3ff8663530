package dev.rr.launcher.status;

import static dev.rr.launcher.status.States.shard;
import static dev.rr.launcher.status.States.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutoverCheckTest {
  static final Instant NOW = Instant.parse("2024-05-01T10:01:00Z");

  static CutoverCheck.Outcome check(String at, ShardState... shards) {
    return CutoverCheck.evaluate(new RunState("r", NOW, List.of(shards)), ts(at));
  }

  @Test
  void shouldBeDoneWhenEveryShardAppliedTheWindowContainingT() {
    CutoverCheck.Outcome outcome = check("2024-05-01T10:00:05Z",
        shard("s1", "SUCCESS", "2024-05-01T10:00:10Z", "2024-05-01T10:00:10Z"),
        shard("s2", "SUCCESS", "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z"));

    assertEquals(CutoverCheck.Verdict.DONE, outcome.verdict());
  }

  @Test
  void shouldWaitWhileAppliedUptoEqualsT() {
    // A change committed exactly at T lies in the window that starts at T.
    CutoverCheck.Outcome outcome = check("2024-05-01T10:00:10Z",
        shard("s1", "SUCCESS", "2024-05-01T10:00:20Z", "2024-05-01T10:00:10Z"));

    assertEquals(CutoverCheck.Verdict.WAITING, outcome.verdict());
    assertTrue(outcome.reasons().get(0).startsWith("shard s1: applied up to 2024-05-01T10:00:10.000Z"),
        outcome.reasons().toString());
  }

  @Test
  void shouldWaitForReaderWhenFilesNotCreatedPastT() {
    CutoverCheck.Outcome outcome = check("2024-05-01T10:00:15Z",
        shard("s1", "SUCCESS", "2024-05-01T10:00:10Z", "2024-05-01T10:00:10Z"),
        shard("s2", null, "2024-05-01T10:00:20Z", null));

    assertEquals(CutoverCheck.Verdict.WAITING, outcome.verdict());
    assertEquals(2, outcome.reasons().size());
    assertTrue(outcome.reasons().get(0).contains("files created up to"), outcome.reasons().toString());
    assertTrue(outcome.reasons().get(1).contains("applied up to -"), outcome.reasons().toString());
  }

  @Test
  void shouldFailNamingShardInError() {
    CutoverCheck.Outcome outcome = check("2024-05-01T10:00:05Z",
        shard("s1", "SUCCESS", "2024-05-01T10:00:10Z", "2024-05-01T10:00:10Z"),
        States.failed("s2", "Data truncation: column name"));

    assertEquals(CutoverCheck.Verdict.FAILED, outcome.verdict());
    assertEquals(List.of("shard s2 is in ERROR: Data truncation: column name"), outcome.reasons());
  }

  @Test
  void shouldWaitWhenNoShardReportedYet() {
    assertEquals(CutoverCheck.Verdict.WAITING, check("2024-05-01T10:00:05Z").verdict());
  }
}
