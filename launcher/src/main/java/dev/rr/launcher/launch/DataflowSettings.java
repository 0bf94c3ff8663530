package dev.rr.launcher.launch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the flex templates run on Dataflow.
 *
 * @param project project the Dataflow jobs run in
 * @param region Dataflow region
 * @param readerTemplate {@code gs://} path of the reader's flex-template spec file
 * @param writerTemplate {@code gs://} path of the writer's flex-template spec file
 * @param serviceAccountEmail worker service account, empty for the default
 * @param maxWorkers worker cap per job, empty for Dataflow's default
 * @param workerMachineType machine type, empty for Dataflow's default
 * @param extraGcloudArgs further {@code gcloud} flags passed as given (e.g. {@code --network=x})
 * @param waitTimeout with {@code --wait}: how long to wait for the jobs to run; empty: do not wait
 */
public record DataflowSettings(
    String project,
    String region,
    String readerTemplate,
    String writerTemplate,
    Optional<String> serviceAccountEmail,
    Optional<Integer> maxWorkers,
    Optional<String> workerMachineType,
    List<String> extraGcloudArgs,
    Optional<Duration> waitTimeout) {
  public DataflowSettings {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(readerTemplate, "readerTemplate");
    Objects.requireNonNull(writerTemplate, "writerTemplate");
    Objects.requireNonNull(serviceAccountEmail, "serviceAccountEmail");
    Objects.requireNonNull(maxWorkers, "maxWorkers");
    Objects.requireNonNull(workerMachineType, "workerMachineType");
    extraGcloudArgs = List.copyOf(extraGcloudArgs);
    Objects.requireNonNull(waitTimeout, "waitTimeout");
    if (waitTimeout.isPresent() && (waitTimeout.get().isNegative() || waitTimeout.get().isZero())) {
      throw new IllegalArgumentException("--waitTimeout must be positive, got " + waitTimeout.get());
    }
  }
}
