package dev.rr.launcher.launch;

import dev.rr.launcher.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rr launch --wait}: polls the started Dataflow jobs ({@code gcloud dataflow jobs
 * describe}) until every one runs (or, bounded, is done), one stops, or the timeout passes.
 *
 * <p>Each round describes every job, so a job that ran and then failed is caught too. A stopped
 * job (failed, cancelled, drained) ends the wait with its error messages ({@code gcloud dataflow
 * logs list --importance=error}) and, for the other jobs still alive, the command to cancel them.
 * A describe that fails is retried in the next round; {@link #DESCRIBE_ATTEMPTS} failures in a
 * row end the wait.
 */
final class JobWatcher {
  /** How long to wait between two rounds of polls. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

  /** Consecutive failed describes of one job after which the wait gives up. */
  static final int DESCRIBE_ATTEMPTS = 3;

  /** Error messages shown for a stopped job (the latest ones). */
  static final int MESSAGES_SHOWN = 5;

  /** Waits between polls; tests pass a fake that advances a fake clock. */
  @FunctionalInterface
  interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final ProcessRunner gcloud;
  private final DataflowSettings settings;
  private final Clock clock;
  private final Pause pause;
  private final PrintWriter out;

  JobWatcher(ProcessRunner gcloud, DataflowSettings settings, Clock clock, Pause pause, PrintWriter out) {
    this.gcloud = gcloud;
    this.settings = settings;
    this.clock = clock;
    this.pause = pause;
    this.out = out;
  }

  /** Waits for {@code jobs} (each with an id) for at most {@code timeout}; returns the exit code. */
  int await(List<StartedJob> jobs, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    Map<StartedJob, String> states = new HashMap<>();
    Map<StartedJob, Integer> failedDescribes = new HashMap<>();
    out.printf("waiting up to %s for %d job(s) to run (polling every %ds)%n",
        timeout, jobs.size(), POLL_INTERVAL.toSeconds());
    out.flush();
    while (true) {
      for (StartedJob job : jobs) {
        ProcessRunner.Result result = gcloud.run(GcloudJobs.describe(id(job), settings));
        String state = result.exitCode() == 0 ? GcloudJobs.currentState(result.stdout()).orElse(null) : null;
        if (state == null) {
          int failures = failedDescribes.merge(job, 1, Integer::sum);
          if (failures >= DESCRIBE_ATTEMPTS) {
            out.printf("cannot read the state of %s (%s): gcloud dataflow jobs describe failed %d"
                + " times in a row; watch it with: %s%n", job.name(), id(job), failures,
                GcloudJobs.watchLine(id(job), settings));
            out.flush();
            return ExitCode.FAILURE;
          }
          continue;
        }
        failedDescribes.remove(job);
        if (!state.equals(states.put(job, state))) {
          out.printf("  %s (%s): %s%n", job.name(), id(job), state);
          out.flush();
        }
        if (DataflowJobState.of(state) == DataflowJobState.STOPPED) {
          reportStopped(job, state, jobs, states);
          return ExitCode.FAILURE;
        }
      }
      if (jobs.stream().allMatch(job -> isUp(states.get(job)))) {
        out.printf("all %d job(s) running%n", jobs.size());
        out.flush();
        return ExitCode.OK;
      }
      if (!clock.instant().isBefore(deadline)) {
        out.printf("not every job runs after %s; keep watching with the commands above (a"
            + " flex-template job may take several minutes to start)%n", timeout);
        out.flush();
        return ExitCode.FAILURE;
      }
      pause.sleep(POLL_INTERVAL);
    }
  }

  private static boolean isUp(String state) {
    if (state == null) {
      return false;
    }
    DataflowJobState meaning = DataflowJobState.of(state);
    return meaning == DataflowJobState.RUNNING || meaning == DataflowJobState.DONE;
  }

  private void reportStopped(StartedJob job, String state, List<StartedJob> jobs,
      Map<StartedJob, String> states) throws IOException, InterruptedException {
    out.printf("job %s (%s) stopped: %s%n", job.name(), id(job), state);
    ProcessRunner.Result logs = gcloud.run(GcloudJobs.errorLogs(id(job), settings));
    List<String> messages = logs.exitCode() == 0 ? GcloudJobs.messageTexts(logs.stdout()) : List.of();
    if (messages.isEmpty()) {
      out.println("  (no error message found in the job's log)");
    }
    for (String message : messages.subList(Math.max(0, messages.size() - MESSAGES_SHOWN), messages.size())) {
      out.printf("  error: %s%n", message.strip().replace("\n", "\n    "));
    }
    out.printf("  full log: gcloud dataflow logs list %s --project=%s --region=%s --importance=error%n",
        id(job), settings.project(), settings.region());
    for (StartedJob other : jobs) {
      if (other != job && DataflowJobState.of(states.getOrDefault(other, "")) != DataflowJobState.STOPPED) {
        out.printf("  %s (%s) was started too; to cancel it: gcloud dataflow jobs cancel %s"
            + " --project=%s --region=%s%n", other.name(), id(other), id(other), settings.project(),
            settings.region());
      }
    }
    out.flush();
  }

  private static String id(StartedJob job) {
    return job.id().orElseThrow(() -> new IllegalStateException("job " + job.name() + " has no id"));
  }
}
