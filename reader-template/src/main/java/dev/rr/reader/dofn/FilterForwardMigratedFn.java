package dev.rr.reader.dofn;

import dev.rr.reader.logic.ForwardMigrationFilter;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/** Passes on the change records the {@link ForwardMigrationFilter} keeps; counts the others. */
public final class FilterForwardMigratedFn extends DoFn<DataChangeRecord, DataChangeRecord> {
  /** Mods dropped because the forward migration wrote them. */
  public static final String FILTERED_RECORDS = "filtered_record_count";

  private final ForwardMigrationFilter filter;
  private final Counter filtered = Metrics.counter(FilterForwardMigratedFn.class, FILTERED_RECORDS);

  public FilterForwardMigratedFn(ForwardMigrationFilter filter) {
    this.filter = filter;
  }

  @ProcessElement
  public void processElement(@Element DataChangeRecord record, OutputReceiver<DataChangeRecord> out) {
    if (filter.keeps(record.getTransactionTag())) {
      out.output(record);
    } else {
      filtered.inc(record.getMods().size());
    }
  }
}
