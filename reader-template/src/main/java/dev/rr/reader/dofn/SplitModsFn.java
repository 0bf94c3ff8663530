package dev.rr.reader.dofn;

import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.logic.ModSplitter;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/** One {@link ChangeRecord} per mod of each change-stream record (see {@link ModSplitter}). */
public final class SplitModsFn extends DoFn<DataChangeRecord, ChangeRecord> {
  /** Change records (mods) that passed the filter and go on to routing and files. */
  public static final String DATA_RECORDS = "data_record_count";

  private final Counter dataRecords = Metrics.counter(SplitModsFn.class, DATA_RECORDS);

  @ProcessElement
  public void processElement(@Element DataChangeRecord record, OutputReceiver<ChangeRecord> out) {
    for (ChangeRecord mod : ModSplitter.split(record)) {
      out.output(mod);
      dataRecords.inc();
    }
  }
}
