package dev.rr.writer.transforms;

import dev.rr.writer.dofn.ApplyShardFn;
import dev.rr.writer.logic.WriterPlan;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Applies the buffer to each shard in the input collection of logical shard ids: shards in
 * parallel, each shard's windows strictly in order. Progress goes to the metadata database.
 */
public final class ApplyShards extends PTransform<PCollection<String>, PDone> {
  private static final long serialVersionUID = 1L;

  private final WriterPlan plan;

  public ApplyShards(WriterPlan plan) {
    this.plan = plan;
  }

  @Override
  public PDone expand(PCollection<String> shards) {
    shards.apply("ApplyWindowsInOrder", ParDo.of(new ApplyShardFn(plan)));
    return PDone.in(shards.getPipeline());
  }
}
