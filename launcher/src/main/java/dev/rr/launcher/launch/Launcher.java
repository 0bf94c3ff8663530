package dev.rr.launcher.launch;

import dev.rr.launcher.ExitCode;
import java.io.PrintWriter;

/** Carries out {@code rr launch}: dry run, or checks then Dataflow jobs or in-process pipelines. */
public final class Launcher {
  private final PrintWriter out;

  public Launcher(PrintWriter out) {
    this.out = out;
  }

  /** Runs the launch and returns the process exit code. */
  public int launch(LaunchConfig config) throws Exception {
    LaunchPlan plan = new LaunchPlan(config);
    if (config.run().dryRun()) {
      plan.printDryRun(out);
      return ExitCode.OK;
    }
    throw new UnsupportedOperationException("launch without --dry-run is not wired yet");
  }
}
