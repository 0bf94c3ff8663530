package dev.rr.launcher.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the {@code gcloud dataflow flex-template run} commands of a launch one after the other and
 * reports each job id gcloud returns, with the commands to watch it. A failed gcloud stops the
 * launch before the next job: the jobs already started are listed with how to cancel them.
 */
final class DataflowSubmission {
  private final ProcessRunner gcloud;
  private final DataflowSettings settings;
  private final PrintWriter out;

  DataflowSubmission(ProcessRunner gcloud, DataflowSettings settings, PrintWriter out) {
    this.gcloud = gcloud;
    this.settings = settings;
    this.out = out;
  }

  /**
   * Submits {@code commands} in order.
   *
   * @return the jobs started, all of them; empty when a gcloud failed (said on {@code out})
   * @throws IOException when gcloud cannot be started at all
   */
  Optional<List<StartedJob>> submit(List<GcloudFlexTemplateCommand> commands)
      throws IOException, InterruptedException {
    List<StartedJob> started = new ArrayList<>();
    for (GcloudFlexTemplateCommand command : commands) {
      List<String> argv = new ArrayList<>(command.argv());
      argv.add(GcloudJobs.JSON);
      out.printf("running: %s%n", ShellWords.render(argv));
      out.flush();
      ProcessRunner.Result result = gcloud.run(argv);
      if (result.exitCode() != 0) {
        out.printf("gcloud exited with %d; nothing after it was started%n", result.exitCode());
        printCancelLines(started);
        out.flush();
        return Optional.empty();
      }
      StartedJob job = new StartedJob(command.jobName(), GcloudJobs.launchedJobId(result.stdout()));
      started.add(job);
      printStarted(job, result.stdout());
    }
    out.flush();
    return Optional.of(List.copyOf(started));
  }

  private void printStarted(StartedJob job, String output) {
    if (job.id().isEmpty()) {
      out.printf("started %s; gcloud reported no job id (its output: %s)%n  find it with:"
          + " gcloud dataflow jobs list --project=%s --region=%s --filter=name=%s%n", job.name(),
          output.isBlank() ? "(none)" : output.strip(), settings.project(), settings.region(), job.name());
      return;
    }
    String id = job.id().get();
    out.printf("started %s: job id %s%n  watch:   %s%n  console: %s%n", job.name(), id,
        GcloudJobs.watchLine(id, settings), GcloudJobs.consoleUrl(id, settings));
  }

  private void printCancelLines(List<StartedJob> started) {
    for (StartedJob job : started) {
      out.printf("  already started: %s; to cancel it: gcloud dataflow jobs cancel %s --project=%s"
          + " --region=%s%n", job.name(), job.id().orElse("<its job id>"), settings.project(),
          settings.region());
    }
  }
}
