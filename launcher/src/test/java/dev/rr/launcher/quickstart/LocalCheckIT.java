package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rr check} as an operator runs it: one seed with a fault, on services it starts itself. */
class LocalCheckIT {
  @TempDir Path work;

  @Test
  void shouldRunASeedWithAFaultAndPrintItsCountsAndTotal() {
    // An even seed stops the writer and relaunches it with resumeAll.
    RrRun run = RrRun.of("check", "--seeds", "1", "--seed", "6", "--duration", "8s", "--faults",
        "--workDir", work.resolve("check").toString());
    System.out.println(run.out());

    assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
    Matcher total = Pattern.compile("DIFF TOTAL seeds=1 samples=(\\d+) mismatches=0 lost=0 duplicated=0"
        + " faults=1").matcher(run.out());
    assertTrue(total.find(), run.out());
    assertTrue(Long.parseLong(total.group(1)) > 0, run.out());
    assertTrue(run.out().contains("DIFF seed=6 "), run.out());
    assertTrue(run.out().contains("fault: writer stopped"), run.out());
    assertTrue(run.out().contains("writer resumed"), run.out());
    assertTrue(run.out().contains("tx written |"), "progress line:\n" + run.out());
  }
}
