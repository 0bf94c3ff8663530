package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.status.CutoverCheck;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The quickstart end to end, twice in the same work directory, as a newcomer would run it. */
class QuickstartIT extends QuickstartRunner {
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
}
