package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import org.junit.jupiter.api.Test;

/** {@code rr quickstart --target}: parsed, and refused where it contradicts another option. */
class QuickstartSettingsTest {
  @Test
  void shouldRefuseAnExternalMysqlServerForPostgresqlShardsBeforeStartingAnything() {
    RrRun run = RrRun.of("quickstart", "--target=postgresql", "--mysqlHost=db.internal");

    assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--mysqlHost applies to --target mysql only"), run.err());
  }

  @Test
  void shouldRefuseAnUnknownTarget() {
    RrRun run = RrRun.of("quickstart", "--target=oracle");

    assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().contains("postgresql"), run.err());
  }
}
