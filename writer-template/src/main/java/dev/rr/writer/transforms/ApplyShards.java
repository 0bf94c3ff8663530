package dev.rr.writer.transforms;

import dev.rr.writer.dofn.ApplyShardFn;
import dev.rr.writer.logic.WriterPlan;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Applies the buffer to each shard in the input collection of logical shard ids: shards in
 * parallel, each shard's windows strictly in order. Outputs {@code <shard> DONE|FAILED} when a
 * shard stops.
 */
public final class ApplyShards extends PTransform<PCollection<String>, PCollection<String>> {
  private static final long serialVersionUID = 1L;

  private final WriterPlan plan;

  public ApplyShards(WriterPlan plan) {
    this.plan = plan;
  }

  @Override
  public PCollection<String> expand(PCollection<String> shards) {
    return shards.apply("ApplyWindowsInOrder", ParDo.of(new ApplyShardFn(plan)));
  }
}
