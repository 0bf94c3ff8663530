package dev.rr.reader.dofn;

import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.logic.ExpiredBatch;
import dev.rr.reader.logic.ExpiryRule;
import dev.rr.reader.logic.OutputLayout;
import java.io.IOException;
import java.time.Instant;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps expired records ({@link ExpiryRule}) in the late directory: one file per (directory,
 * window) and bundle, counted in {@code late_record_count} (with the late panes kept apart) and in
 * {@code late_records_expired}, logged at ERROR.
 */
public final class WriteExpiredFn extends DoFn<KV<String, ChangeRecord>, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteExpiredFn.class);

  /** Records so late that Beam's window expiry would have dropped them. */
  public static final String EXPIRED_RECORDS = "late_records_expired";

  private final OutputLayout layout;
  private final ExpiryRule rule;
  private final Counter expired = Metrics.counter(WriteExpiredFn.class, EXPIRED_RECORDS);
  private final Counter late =
      Metrics.counter(WriteWindowFileFn.class, WriteWindowFileFn.LATE_RECORDS);
  private transient ExpiredBatch batch;

  public WriteExpiredFn(OutputLayout layout, ExpiryRule rule) {
    this.layout = layout;
    this.rule = rule;
  }

  @StartBundle
  public void startBundle() {
    batch = new ExpiredBatch(layout, rule);
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, ChangeRecord> record, @Timestamp org.joda.time.Instant timestamp) {
    batch.add(record.getKey(), Instant.ofEpochMilli(timestamp.getMillis()), record.getValue());
  }

  @FinishBundle
  public void finishBundle() throws IOException {
    for (ExpiredBatch.Written file : batch.flush()) {
      expired.inc(file.records());
      late.inc(file.records());
      LOG.error("[shard={}] {} records of window {}..{} arrived after Beam would have expired the"
          + " window, so the shard may have applied it without them; written to {} (see"
          + " docs/troubleshooting.md, \"Late records\")", file.directory(), file.records(),
          file.start(), file.end(), file.file());
    }
  }
}
