package dev.rr.writer.snapshot.beam;

import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.TimestampBound;
import dev.rr.common.buffer.ChangeRecordCoder;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.schema.TableMapping;
import dev.rr.writer.snapshot.ChunkId;
import dev.rr.writer.snapshot.SnapshotPlan;
import dev.rr.writer.snapshot.SnapshotRows;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.io.gcp.spanner.SpannerConfig;
import org.apache.beam.sdk.io.gcp.spanner.SpannerIO;
import org.apache.beam.sdk.io.gcp.spanner.Transaction;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The snapshot as a batch pipeline: every mapped table read at exactly T with a partitioned
 * {@code SpannerIO} read, each row routed and keyed by its chunk, the chunks grouped and loaded.
 */
public final class SnapshotPipeline {
  /** Namespace of the snapshot's counters. */
  public static final String NAMESPACE = "rr_snapshot";

  private SnapshotPipeline() {}

  /** Adds the snapshot of {@code plan}, reading through {@code spanner}, to {@code pipeline}. */
  public static Pipeline buildPipeline(Pipeline pipeline, SpannerConfig spanner, SnapshotPlan plan) {
    List<PCollection<KV<ChunkId, ChangeRecord>>> routed = new ArrayList<>();
    // One batch read-only transaction at T for every table: one point of Spanner's history.
    PCollectionView<Transaction> atT = pipeline.apply("OpenReadAtT", SpannerIO.createTransaction()
        .withSpannerConfig(spanner)
        .withTimestampBound(TimestampBound.ofReadTimestamp(plan.snapshot())));
    for (String name : new TreeSet<>(plan.schema().spannerTables())) {
      TableMapping table = plan.schema().forSpannerTable(name).orElseThrow();
      PCollection<Struct> rows = pipeline.apply("ReadTable " + name, SpannerIO.read()
          .withSpannerConfig(spanner)
          .withTable(name)
          .withColumns(SnapshotRows.columns(table))
          .withTransaction(atT)
          .withBatching(true));
      routed.add(rows.apply("RouteRows " + name, ParDo.of(new RouteRowsFn(plan, table)))
          .setCoder(KvCoder.of(ChunkIdCoder.of(), ChangeRecordCoder.of())));
    }
    PCollectionList.of(routed)
        .apply("FlattenTables", Flatten.pCollections())
        .apply("GroupChunks", GroupByKey.create())
        .apply("LoadChunks", ParDo.of(new LoadChunkFn(plan)));
    return pipeline;
  }
}
