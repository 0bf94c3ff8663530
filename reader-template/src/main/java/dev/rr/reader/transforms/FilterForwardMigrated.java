package dev.rr.reader.transforms;

import dev.rr.common.config.FiltrationMode;
import dev.rr.reader.dofn.FilterForwardMigratedFn;
import dev.rr.reader.logic.ForwardMigrationFilter;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Step 2: with {@link FiltrationMode#FORWARD_MIGRATION}, drops records the forward migration wrote
 * (transaction tag {@code txBy=...}), counted in {@value FilterForwardMigratedFn#FILTERED_RECORDS}.
 */
public final class FilterForwardMigrated
    extends PTransform<PCollection<DataChangeRecord>, PCollection<DataChangeRecord>> {
  private final FiltrationMode mode;

  private FilterForwardMigrated(FiltrationMode mode) {
    this.mode = mode;
  }

  public static FilterForwardMigrated withMode(FiltrationMode mode) {
    return new FilterForwardMigrated(mode);
  }

  @Override
  public PCollection<DataChangeRecord> expand(PCollection<DataChangeRecord> records) {
    return records
        .apply("DropForwardMigrationWrites",
            ParDo.of(new FilterForwardMigratedFn(new ForwardMigrationFilter(mode))))
        .setCoder(records.getCoder());
  }
}
