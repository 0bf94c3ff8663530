package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.status.CutoverCheck;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The quickstart on PostgreSQL shards ({@code --target postgresql}), with the commands {@code --keep} prints. */
class PostgresQuickstartIT extends QuickstartRunner {
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
