package dev.rr.reader;

import com.google.cloud.NoCredentials;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.dao.ConnectorReadPosition;
import dev.rr.reader.dao.MetadataProgressSink;
import dev.rr.reader.dao.SpannerConfigs;
import dev.rr.reader.dao.SpannerRowLookup;
import dev.rr.reader.logic.FinalWindows;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.ProgressPlan;
import dev.rr.reader.logic.ProgressSink;
import dev.rr.reader.logic.RoutingSpec;
import dev.rr.reader.logic.WrittenFile;
import dev.rr.reader.transforms.AssignShard;
import dev.rr.reader.transforms.DivertExpiredRecords;
import dev.rr.reader.transforms.FilterForwardMigrated;
import dev.rr.reader.transforms.PublishProgress;
import dev.rr.reader.transforms.ReadChangeStream;
import dev.rr.reader.transforms.SplitMods;
import dev.rr.reader.transforms.WindowIntoIntervals;
import dev.rr.reader.transforms.WriteShardFiles;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader pipeline: Spanner change stream to sorted per-shard window files in the buffer, plus
 * per-shard {@code created_upto} progress. {@link #run} is the entry point for Java callers (the
 * launcher); {@link ReaderMain} for the command line and the flex template.
 */
public final class ReaderPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ReaderPipeline.class);

  private ReaderPipeline() {}

  /**
   * Bootstraps the run of {@code config} (metadata tables, run row, resume point), then builds and
   * starts the pipeline with {@code options} (runner, project, ...). On the DirectRunner against
   * the emulator, target parallelism is set to 1 (the emulator cannot serve more) and no
   * credentials are used.
   *
   * @return the running (or, on a blocking runner, finished) pipeline
   * @throws dev.rr.common.config.ConfigException when the run cannot start as configured
   */
  public static PipelineResult run(ReaderConfig config, PipelineOptions options) {
    PreparedRun run = ReaderBootstrap.prepare(config);
    if (config.spannerEmulatorHost().isPresent()) {
      // The emulator needs no credentials; without this Beam looks for Google's and warns.
      options.as(GcpOptions.class).setGcpCredential(NoCredentials.getInstance());
      if (options.getRunner() == DirectRunner.class) {
        options.as(DirectOptions.class).setTargetParallelism(1);
      }
    }
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, run);
    LOG.info("[run={}] starting reader pipeline: {}", config.runIdentifier(), run.config());
    return pipeline.run();
  }

  /** Adds the reader's steps, in order, to {@code pipeline}. */
  public static void buildPipeline(Pipeline pipeline, PreparedRun run) {
    ReaderConfig config = run.config();
    IntervalGrid grid = IntervalGrid.anchoredAt(run.gridOrigin(), config.windowDuration());
    OutputLayout layout = OutputLayout.of(config);
    RoutingSpec routing =
        new RoutingSpec(run.mapping(), run.shardIds(), config.customSharding(), layout);
    ProgressPlan progress =
        new ProgressPlan(
            grid,
            IntervalGrid.toInstant(config.startTimestamp()),
            config.endTimestamp().map(IntervalGrid::toInstant).orElse(null),
            run.shardIds(),
            run.createdUpto());

    String partitionTable = ReadChangeStream.newPartitionTableName(config);
    PCollection<ChangeRecord> records =
        pipeline
            .apply("ReadChangeStream", ReadChangeStream.from(config, partitionTable))
            .apply("FilterForwardMigrated", FilterForwardMigrated.withMode(config.filtrationMode()))
            .apply("SplitMods", SplitMods.create());
    ProgressSink.Factory published = MetadataProgressSink.factory(
        SpannerConfigs.metadata(config), run.tables(), config.runIdentifier());
    PCollection<KV<String, WrittenFile>> files =
        records
            .apply("AssignShard", AssignShard.using(routing,
                SpannerRowLookup.factory(SpannerConfigs.data(config), config.rpcPriority())))
            .apply("DivertExpiredRecords", DivertExpiredRecords.of(progress, grid, layout))
            .apply("WindowIntoIntervals", WindowIntoIntervals.of(grid))
            .apply("WriteShardFiles", WriteShardFiles.to(layout)
                .keeping(new FinalWindows(run.createdUpto()))
                .mergingLatePanesBefore(published));
    files.apply("PublishProgress", PublishProgress.of(progress, published)
        .withReadPosition(
            ConnectorReadPosition.factory(SpannerConfigs.metadata(config), partitionTable)));
  }
}
