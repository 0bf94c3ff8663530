package dev.rr.launcher.bench;

import dev.rr.common.input.Shard;
import dev.rr.launcher.launch.DirectPipelines;
import dev.rr.launcher.launch.LaunchConfig;
import dev.rr.launcher.launch.PipelineParameters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.PipelineResult;

/**
 * "Ours" for the reader benchmark: the reader pipeline started exactly as {@code rr launch
 * --runner direct --jobs reader} starts it, bounded by the job's end timestamp, run to the end.
 */
final class DirectReaderPath implements ReaderPath {

  @Override
  public void runBounded(ReaderJob job) throws Exception {
    // The reader only needs the shard's id; the connection fields are never used.
    Shard shard = new Shard(job.shard(), "127.0.0.1", 3306, "unused", "unused", "unused",
        Map.of());
    Path shardsFile = DirectRunnerLaunch.writeShardsFile(
        Path.of(job.bufferDir()).resolveSibling("reader-shards.json"), List.of(shard));
    LaunchConfig config = DirectRunnerLaunch.config(job.runId(), job.emulatorHost(),
        job.project(), job.instance(), job.database(), job.metadataDatabase(),
        job.changeStream(), job.start(), Optional.of(job.end()), job.window(), job.bufferDir(),
        shardsFile, Map.of(), Map.of());
    PipelineResult result = DirectPipelines.reader().start(PipelineParameters.reader(config));
    // waitUntilFinish rethrows a pipeline failure.
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the reader pipeline ended " + state);
    }
  }
}
