package dev.rr.launcher.bench;

import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.PipelineParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.PipelineResult;

/**
 * Replication for the lag benchmark: reader and writer pipelines started exactly as {@code rr
 * launch --runner direct} starts them, unbounded, until closed.
 */
final class DirectReplicationPath implements ReplicationPath {
  private final Map<String, String> extraReaderParameters;
  private final Map<String, String> extraWriterParameters;

  /**
   * @param extraReaderParameters reader options to add, e.g. {@code lowLatency}
   * @param extraWriterParameters writer options to add, e.g. {@code pollInterval}
   */
  DirectReplicationPath(
      Map<String, String> extraReaderParameters, Map<String, String> extraWriterParameters) {
    this.extraReaderParameters = Map.copyOf(extraReaderParameters);
    this.extraWriterParameters = Map.copyOf(extraWriterParameters);
  }

  @Override
  public AutoCloseable start(ReplicationJob job) throws Exception {
    Path shardsFile = DirectRunnerLaunch.writeShardsFile(
        Path.of(job.bufferDir()).resolveSibling("lag-shards.json"), List.of(job.shard()));
    LaunchConfig config = DirectRunnerLaunch.config(job.runId(), job.emulatorHost(),
        job.project(), job.instance(), job.database(), job.metadataDatabase(),
        job.changeStream(), job.start(), Optional.empty(), job.window(), job.bufferDir(),
        shardsFile, extraReaderParameters, extraWriterParameters);
    List<PipelineResult> running = new ArrayList<>();
    try {
      running.add(DirectPipelines.reader().start(PipelineParameters.reader(config)));
      running.add(DirectPipelines.writer().start(PipelineParameters.writer(config)));
    } catch (Exception | Error e) {
      stop(running);
      throw e;
    }
    return () -> stop(running);
  }

  private static void stop(List<PipelineResult> pipelines) {
    for (PipelineResult pipeline : pipelines) {
      try {
        pipeline.cancel();
        pipeline.waitUntilFinish(org.joda.time.Duration.standardSeconds(30));
      } catch (IOException | RuntimeException e) {
        // Being torn down: a failure reported after cancel changes nothing measured.
      }
    }
  }
}
