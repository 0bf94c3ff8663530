package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.status.CutoverCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart end to end, twice in the same work directory, as a newcomer would run it; and
 * once on PostgreSQL shards, with the commands {@code --keep} prints.
 */
class QuickstartIT {
  @TempDir Path workRoot;

  /** What the printed --keep commands did against the kept services, in order. */
  final List<RrRun> keptRuns = new ArrayList<>();

  Quickstart.Result run(Path workDir, StringWriter output, Quickstart.Hold hold) throws Exception {
    return run(workDir, output, hold, SourceType.MYSQL, Duration.ofSeconds(10));
  }

  Quickstart.Result run(Path workDir, StringWriter output, Quickstart.Hold hold, SourceType target,
      Duration workload) throws Exception {
    // Short and slow enough for the reader on a busy 2-core machine; cutover may still trail.
    QuickstartSettings settings = new QuickstartSettings(workDir, workload,
        Duration.ofSeconds(2), 3, 5, 42, Optional.empty(), Optional.empty(), Duration.ofMinutes(5),
        target);
    return new Quickstart(settings, DirectPipelines.reader(), DirectPipelines.writer(),
        new PrintWriter(output, true), hold).run();
  }

  /** Runs each command --keep prints, as printed (without --watch), while everything still runs. */
  void runKeptCommands(List<String> commands) {
    for (String command : commands) {
      assertFalse(command.contains("'") || command.contains("\""), command);
      List<String> words = new ArrayList<>(List.of(command.trim().split("\\s+")));
      assertEquals("rr", words.remove(0), command);
      words.remove("--watch");
      keptRuns.add(RrRun.of(words.toArray(String[]::new)));
    }
  }

  @Test
  void shouldReplicateCutOverAndVerifyEqualTwiceInARow() throws Exception {
    Path workDir = workRoot.resolve("quickstart");
    StringWriter first = new StringWriter();
    StringWriter second = new StringWriter();

    Quickstart.Result firstResult = run(workDir, first, Quickstart.Hold.NONE);
    Quickstart.Result secondResult = run(workDir, second, this::runKeptCommands);

    for (Quickstart.Result result : new Quickstart.Result[] {firstResult, secondResult}) {
      String output = (result == firstResult ? first : second).toString();
      assertEquals(CutoverCheck.Verdict.DONE, result.cutover().verdict(), output);
      assertTrue(result.verify().orElseThrow().equal(), output);
      assertTrue(result.verify().orElseThrow().spannerRows() > 20, output);
      assertEquals(3, result.balances().size(), output);
      assertTrue(result.passed(), output);
      assertTrue(output.contains("QUICKSTART PASSED"), output);
      assertTrue(output.contains("written"), "progress line:\n" + output);
    }
    assertEquals(3, keptRuns.size(), keptRuns.toString());
    assertTrue(keptRuns.get(0).out().contains("3 shard(s)"), "rr status: " + keptRuns.get(0));
    for (RrRun kept : keptRuns) {
      assertEquals(ExitCode.OK, kept.exitCode(), "status, cutover, verify: " + kept);
    }
    assertTrue(Files.isRegularFile(workDir.resolve("session.json")));
    assertTrue(Files.isDirectory(workDir.resolve("buffer")));
  }

  @Test
  void shouldReplicateIntoPostgresqlShardsThenStatusCutoverAndVerifyThem() throws Exception {
    Path workDir = workRoot.resolve("quickstart-pg");
    StringWriter output = new StringWriter();

    Quickstart.Result result = run(workDir, output, this::runKeptCommands, SourceType.POSTGRESQL,
        Duration.ofSeconds(15));

    assertTrue(output.toString().contains("PostgreSQL: started on"), output.toString());
    assertEquals(CutoverCheck.Verdict.DONE, result.cutover().verdict(), output.toString());
    assertTrue(result.verify().orElseThrow().equal(), output.toString());
    assertTrue(result.verify().orElseThrow().spannerRows() > 10, output.toString());
    assertEquals(3, result.balances().size(), output.toString());
    assertTrue(result.passed(), output.toString());
    assertTrue(output.toString().contains("QUICKSTART PASSED"), output.toString());
    assertEquals(3, keptRuns.size(), keptRuns.toString());
    assertTrue(keptRuns.get(0).out().contains("3 shard(s)"), "rr status: " + keptRuns.get(0));
    for (RrRun kept : keptRuns) {
      assertEquals(ExitCode.OK, kept.exitCode(), "status, cutover, verify: " + kept);
    }
  }
}
