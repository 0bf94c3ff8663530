package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.config.ConfigProblems;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.metadata.RunMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunChecksTest {
  private static final OutputLayout LAYOUT = new OutputLayout("/b", "skip", "skip-unknown-shard");

  private static ReaderConfig config(String windowDuration) {
    return ReaderConfig.builder()
        .spannerProjectId("p").instanceId("i").databaseId("d").changeStreamName("cs")
        .metadataDatabase("m").gcsOutputDirectory("/b").sourceShardsFilePath("/s.json")
        .startTimestamp("2024-01-01T00:00:00Z").runIdentifier("run1")
        .windowDuration(windowDuration).build();
  }

  private static RunMetadata run(Duration window, String buffer) {
    return RunMetadata.builder()
        .runId("run1").startTimestamp(Timestamp.parseTimestamp("2024-01-01T00:00:00Z"))
        .windowDuration(window).changeStreamName("cs").spannerDatabase("projects/p/instances/i/databases/d")
        .readerRunMode(ReaderRunMode.REGULAR).bufferDirectory(buffer).skipDirectoryName("skip").build();
  }

  @Test
  void shouldRejectShardIdsThatNameAReservedDirectory() {
    ConfigProblems problems = new ConfigProblems();
    RunChecks.shardIdsAreNotReserved(List.of("a", "skip", "skip-unknown-shard", "skip-late"), LAYOUT, problems);
    assertEquals(3, problems.problems().size(), problems.problems().toString());
  }

  @Test
  void shouldRequireARoutingRuleForSeveralShards() {
    ConfigProblems problems = new ConfigProblems();
    RunChecks.routingRuleExists(List.of("a", "b"), false,
        new TestMappings.MapMapping(), problems);
    assertTrue(problems.problems().get(0).contains("no table has a ShardIdColumn"));

    ConfigProblems fine = new ConfigProblems();
    RunChecks.routingRuleExists(List.of("a", "b"), false, TestMappings.orders(), fine);
    RunChecks.routingRuleExists(List.of("a", "b"), true, new TestMappings.MapMapping(), fine);
    RunChecks.routingRuleExists(List.of("a"), false, new TestMappings.MapMapping(), fine);
    assertTrue(fine.isEmpty(), fine.problems().toString());
  }

  @Test
  void shouldRefuseToStartARegularRunUnderAnExistingIdentifier() {
    ConfigProblems problems = new ConfigProblems();
    RunChecks.runIsNew(Optional.of(run(Duration.ofSeconds(10), "/b")), config("10s"), problems);
    assertTrue(problems.problems().get(0).startsWith("runIdentifier 'run1' already exists"));
  }

  @Test
  void shouldRefuseToResumeAMissingRunOrWithAnotherGridOrBuffer() {
    ConfigProblems missing = new ConfigProblems();
    RunChecks.runIsResumable(Optional.empty(), config("10s"), missing);
    assertTrue(missing.problems().get(0).contains("nothing to resume"));

    ConfigProblems changed = new ConfigProblems();
    RunChecks.runIsResumable(Optional.of(run(Duration.ofSeconds(5), "/other")), config("10s"), changed);
    assertEquals(2, changed.problems().size(), changed.problems().toString());
    assertTrue(changed.problems().get(0).startsWith("windowDuration 10s differs"));
    assertTrue(changed.problems().get(1).startsWith("gcsOutputDirectory /b differs"));

    ConfigProblems same = new ConfigProblems();
    RunChecks.runIsResumable(Optional.of(run(Duration.ofSeconds(10), "/b/")), config("10s"), same);
    assertTrue(same.isEmpty(), same.problems().toString());
  }

  @Test
  void shouldRefuseToExtendABoundedRunWhoseLastWindowIsFinal() {
    Timestamp end = Timestamp.parseTimestamp("2024-01-01T00:00:25Z");
    Timestamp later = Timestamp.parseTimestamp("2024-01-01T00:01:00Z");
    java.util.Map<String, Timestamp> lastWindowFinal =
        java.util.Map.of("a", Timestamp.parseTimestamp("2024-01-01T00:00:30Z"));
    java.util.Map<String, Timestamp> notYet =
        java.util.Map.of("a", Timestamp.parseTimestamp("2024-01-01T00:00:20Z"));

    ConfigProblems refused = new ConfigProblems();
    RunChecks.endIsNotExtendedPastFinal("run1", end, later, lastWindowFinal, refused);
    assertEquals(1, refused.problems().size());
    assertTrue(refused.problems().get(0).contains("startTimestamp 2024-01-01T00:00:25Z"),
        refused.problems().get(0));

    ConfigProblems accepted = new ConfigProblems();
    RunChecks.endIsNotExtendedPastFinal("run1", end, later, notYet, accepted);
    RunChecks.endIsNotExtendedPastFinal("run1", null, later, lastWindowFinal, accepted);
    RunChecks.endIsNotExtendedPastFinal("run1", end, null, lastWindowFinal, accepted);
    assertEquals(List.of(), accepted.problems());
  }

  @Test
  void shouldRefuseToResumeWithAnotherChangeStreamOrDatabase() {
    RunMetadata other = run(Duration.ofSeconds(10), "/b").toBuilder()
        .changeStreamName("cs_old").spannerDatabase("projects/p/instances/i/databases/old").build();
    ConfigProblems problems = new ConfigProblems();
    RunChecks.runIsResumable(Optional.of(other), config("10s"), problems);
    assertEquals(2, problems.problems().size(), problems.problems().toString());
  }
}
