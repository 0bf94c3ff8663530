package dev.rr.reader.transforms;

import dev.rr.common.buffer.ChangeRecordCoder;
import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.dofn.SplitModsFn;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Step 3: one {@link ChangeRecord} per mod, keeping the record's event time (commit time). */
public final class SplitMods
    extends PTransform<PCollection<DataChangeRecord>, PCollection<ChangeRecord>> {

  public static SplitMods create() {
    return new SplitMods();
  }

  @Override
  public PCollection<ChangeRecord> expand(PCollection<DataChangeRecord> records) {
    return records.apply("OneRecordPerMod", ParDo.of(new SplitModsFn()))
        .setCoder(ChangeRecordCoder.of());
  }
}
