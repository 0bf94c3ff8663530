package dev.rr.writer.snapshot.beam;

import com.google.cloud.spanner.Struct;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.routing.RouteResult;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.TableMapping;
import dev.rr.writer.snapshot.ChunkId;
import dev.rr.writer.snapshot.SnapshotPlan;
import dev.rr.writer.snapshot.SnapshotRows;
import java.util.HashSet;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each row of one table read at T into its change record ({@link SnapshotRows}) and keys
 * it by its chunk of the shard the reader's {@link ShardRouter} sends it to. A row that routes to
 * no shard is counted in {@value #UNROUTED} and logged, never dropped silently. A resync keeps
 * only the rows of its shard.
 */
final class RouteRowsFn extends DoFn<Struct, KV<ChunkId, ChangeRecord>> {
  private static final Logger LOG = LoggerFactory.getLogger(RouteRowsFn.class);
  static final String UNROUTED = "snapshot_rows_unrouted";
  static final String READ = "snapshot_rows_read";

  private final SnapshotPlan plan;
  private final TableMapping table;
  private final Counter unrouted = Metrics.counter(SnapshotPipeline.NAMESPACE, UNROUTED);
  private final Counter read = Metrics.counter(SnapshotPipeline.NAMESPACE, READ);
  private transient ShardRouter router;

  RouteRowsFn(SnapshotPlan plan, TableMapping table) {
    this.plan = plan;
    this.table = table;
  }

  @Setup
  public void setup() {
    router = ShardRouter.withDefaultFetcher(plan.schema(), new HashSet<>(plan.shardIds()));
  }

  @ProcessElement
  public void process(@Element Struct row, OutputReceiver<KV<ChunkId, ChangeRecord>> out) {
    read.inc();
    ChangeRecord record = SnapshotRows.record(table, row, plan.snapshot());
    RouteResult route = router.route(record);
    if (!route.isRouted()) {
      unrouted.inc();
      LOG.warn("[table={}] row {} routes to no shard of the shards file ({})",
          table.spannerName(), record.keysJson(), route);
      return;
    }
    String shard = route.logicalShardId();
    if (plan.resyncOnly().isPresent() && !plan.resyncOnly().get().equals(shard)) {
      // A resync loads one shard: the other shards' rows are theirs, not unrouted.
      return;
    }
    int chunk = SnapshotRows.chunkOf(record, plan.chunkCount(table.spannerName()));
    out.output(KV.of(new ChunkId(shard, table.spannerName(), chunk), record.withShard(shard)));
  }
}
