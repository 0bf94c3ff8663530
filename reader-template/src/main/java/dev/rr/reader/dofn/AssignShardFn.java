package dev.rr.reader.dofn;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.routing.ShardRouter;
import dev.rr.reader.logic.RowImages;
import dev.rr.reader.logic.RowLookup;
import dev.rr.reader.logic.RowNeed;
import dev.rr.reader.logic.RoutingSpec;
import dev.rr.reader.logic.ShardAssigner;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keys each record by its output directory (see {@link ShardAssigner}) and counts the outcomes. */
public final class AssignShardFn extends DoFn<ChangeRecord, KV<String, ChangeRecord>> {
  private static final Logger LOG = LoggerFactory.getLogger(AssignShardFn.class);

  /** Records of tables the session does not map (written to the skip directory). */
  public static final String SKIPPED_RECORDS = "skipped_record_count";
  /** Records whose shard id is missing or not in the shards file (unknown-shard directory). */
  public static final String UNKNOWN_SHARD_RECORDS = "unknown_shard_record_count";
  /** Rows read from Spanner to route a record (deletes without old values, updates that may move). */
  public static final String ROW_LOOKUPS = "row_lookup_count";
  /** Row reads that failed for good; those records went to the unknown-shard directory. */
  public static final String ROW_LOOKUP_FAILURES = "row_lookup_failed_count";

  /** Updates that moved a row to another shard: a DELETE to the old, the whole row to the new. */
  public static final String SHARD_MOVES = "shard_move_count";

  private final RoutingSpec spec;
  private final RowLookup.Factory lookups;
  private final Counter skipped = Metrics.counter(AssignShardFn.class, SKIPPED_RECORDS);
  private final Counter unknownShard = Metrics.counter(AssignShardFn.class, UNKNOWN_SHARD_RECORDS);
  private final Counter rowLookups = Metrics.counter(AssignShardFn.class, ROW_LOOKUPS);
  private final Counter rowLookupFailures = Metrics.counter(AssignShardFn.class, ROW_LOOKUP_FAILURES);
  private final Counter shardMoves = Metrics.counter(AssignShardFn.class, SHARD_MOVES);

  private transient RowLookup lookup;
  private transient ShardAssigner assigner;

  public AssignShardFn(RoutingSpec spec, RowLookup.Factory lookups) {
    this.spec = spec;
    this.lookups = lookups;
  }

  @Setup
  public void setup() {
    ShardRouter router = spec.newRouter();
    lookup = spec.rowNeed() == RowNeed.NONE ? null : lookups.open();
    RowImages rows = new RowImages(router, spec.mapping(), spec.rowNeed(), lookup);
    assigner = new ShardAssigner(router, spec.mapping(), rows, spec.layout());
  }

  @ProcessElement
  public void processElement(
      @Element ChangeRecord record, OutputReceiver<KV<String, ChangeRecord>> out) {
    List<ShardAssigner.Assignment> assignments = assigner.assign(record);
    if (assignments.size() > 1) {
      shardMoves.inc();
    }
    for (ShardAssigner.Assignment assignment : assignments) {
      count(record, assignment);
      out.output(KV.of(assignment.directory(), assignment.record()));
    }
  }

  private void count(ChangeRecord record, ShardAssigner.Assignment assignment) {
    switch (assignment.outcome()) {
      case UNKNOWN_TABLE -> skipped.inc();
      case UNKNOWN_SHARD -> {
        unknownShard.inc();
        LOG.warn("[table={}] {} of transaction {} has shard id {} not in the shards file;"
                + " written to {}", record.tableName(), assignment.record().modType(),
            record.serverTransactionId(), assignment.record().shard(), assignment.directory());
      }
      case ROUTED -> { }
    }
    rowLookups.inc(assignment.rowLookups());
    if (assignment.lookupFailed()) {
      rowLookupFailures.inc();
    }
  }

  @Teardown
  public void teardown() {
    if (lookup != null) {
      lookup.close();
    }
  }
}
