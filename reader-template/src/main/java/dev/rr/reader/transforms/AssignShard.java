package dev.rr.reader.transforms;

import dev.rr.common.buffer.ChangeRecordCoder;
import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.dofn.AssignShardFn;
import dev.rr.reader.logic.RoutingSpec;
import dev.rr.reader.logic.RowLookup;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Step 4: keys every record by its output directory: its logical shard, or the skip /
 * unknown-shard directory (counted). Deleted rows without captured old values are read from
 * Spanner just before their delete when the shard-id rule needs them.
 */
public final class AssignShard
    extends PTransform<PCollection<ChangeRecord>, PCollection<KV<String, ChangeRecord>>> {
  private final RoutingSpec spec;
  private final RowLookup.Factory lookups;

  private AssignShard(RoutingSpec spec, RowLookup.Factory lookups) {
    this.spec = spec;
    this.lookups = lookups;
  }

  /** Routes by {@code spec}, reading rows through {@code lookups} when needed. */
  public static AssignShard using(RoutingSpec spec, RowLookup.Factory lookups) {
    return new AssignShard(spec, lookups);
  }

  @Override
  public PCollection<KV<String, ChangeRecord>> expand(PCollection<ChangeRecord> records) {
    return records
        .apply("RouteToShard", ParDo.of(new AssignShardFn(spec, lookups)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ChangeRecordCoder.of()));
  }
}
