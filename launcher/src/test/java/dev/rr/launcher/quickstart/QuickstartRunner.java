package dev.rr.launcher.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.RrRun;
import dev.rr.launcher.launch.DirectPipelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quickstart in-process, and the commands its {@code --keep} prints, for the quickstart ITs. */
abstract class QuickstartRunner {
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
}
