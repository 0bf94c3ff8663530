package dev.rr.launcher.launch;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.status.RunState;
import dev.rr.launcher.status.ShardState;
import java.io.PrintWriter;
import java.util.List;

/**
 * How an in-process run ended, told from the writer's progress rows as {@code rr status} reads
 * them: a shard the writer stopped in ERROR makes the run a failure, listed one line per shard.
 */
final class RunOutcome {
  private RunOutcome() {}

  /** Prints the outcome of {@code state} and returns the exit code it means. */
  static int report(RunState state, PrintWriter out) {
    List<ShardState> failed = state.shards().stream().filter(ShardState::isError).toList();
    if (failed.isEmpty()) {
      out.printf("run %s ended: %d shard(s), none in ERROR%n", state.runId(), state.shards().size());
      return ExitCode.OK;
    }
    out.printf("run %s ended with %d of %d shard(s) in ERROR (after fixing the cause, retry them"
        + " with --jobs=writer --writerRunMode=resumeFailed):%n",
        state.runId(), failed.size(), state.shards().size());
    for (ShardState shard : failed) {
      out.printf("  shard %s: ERROR: %s%n", shard.shard(),
          shard.error().map(RunOutcome::oneLine).orElse("(no error text recorded)"));
    }
    return ExitCode.FAILURE;
  }

  private static String oneLine(String error) {
    return error.replaceAll("\\s+", " ").trim();
  }
}
