package dev.rr.writer;

import dev.rr.common.config.WriterConfig;
import dev.rr.writer.logic.WriterPlan;
import dev.rr.writer.transforms.ApplyShards;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;

/**
 * The writer pipeline: one ordered worker per shard, shards in parallel.
 *
 * <pre>{@code
 * PipelineResult result = WriterPipeline.run(config, options);   // bootstrap, build, run
 * }</pre>
 */
public final class WriterPipeline {
  private WriterPipeline() {}

  /**
   * Bootstraps ({@link WriterBootstrap#prepare}), builds and runs the writer. With an end
   * timestamp (the option or the run's) the pipeline finishes once every selected shard applied
   * everything up to it or stopped on an error; without one it runs until cancelled.
   */
  public static PipelineResult run(WriterConfig config, PipelineOptions options) {
    WriterPlan plan = WriterBootstrap.prepare(config);
    Pipeline pipeline = Pipeline.create(configure(options, plan));
    buildPipeline(pipeline, plan);
    return pipeline.run();
  }

  /** Adds the writer's steps to {@code pipeline}. */
  public static void buildPipeline(Pipeline pipeline, WriterPlan plan) {
    pipeline
        .apply("ListShards", Create.of(plan.shards()).withCoder(StringUtf8Coder.of()))
        .apply("ApplyShards", new ApplyShards(plan));
  }

  /**
   * On the DirectRunner, one thread per shard: a long call on one shard never delays another, and
   * while every shard's call waits on its thread ({@code ShardTurn}) the runner's scheduler, which
   * polls without sleeping whenever a thread is free, has none to spin on. It runs between calls.
   */
  static PipelineOptions configure(PipelineOptions options, WriterPlan plan) {
    if (DirectRunner.class.equals(options.getRunner())) {
      options.as(DirectOptions.class).setTargetParallelism(Math.max(1, plan.shards().size()));
    }
    return options;
  }
}
