package dev.rr.reader.dofn;

import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.logic.FinalWindows;
import dev.rr.reader.logic.LatePanes;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.ProgressSink;
import dev.rr.reader.logic.WindowFileWriter;
import dev.rr.reader.logic.WrittenFile;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of one (directory, window) pane as one sorted file: the window file for the
 * on-time pane; a late pane is merged into the window file while the window is not final, and
 * kept apart in the late directory once it is ({@link LatePanes}). A window that was already
 * final when the reader started (a resumed reader reading it again for another shard) is not
 * written: final files are immutable.
 */
public final class WriteWindowFileFn
    extends DoFn<KV<String, Iterable<ChangeRecord>>, KV<String, WrittenFile>> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteWindowFileFn.class);

  /** Prefix of the per-directory file counter: {@code num_files_written_<shard>}. */
  public static final String FILES_WRITTEN_PREFIX = "num_files_written_";
  /** Window files written, all directories. */
  public static final String FILES_WRITTEN = "files_written";
  /** Records written to window files, all directories. */
  public static final String RECORDS_WRITTEN = "records_written";
  /** Records that arrived after their window was final (written to the late directory). */
  public static final String LATE_RECORDS = "late_record_count";
  /** Records that arrived after the watermark but before their window was final: merged. */
  public static final String LATE_RECORDS_MERGED = "late_records_merged";

  /** On-time panes of windows already final at launch, not written again. */
  public static final String FINAL_WINDOWS_KEPT = "final_windows_kept";

  private final OutputLayout layout;
  private final FinalWindows finalAtLaunch;
  private final Counter filesWritten = Metrics.counter(WriteWindowFileFn.class, FILES_WRITTEN);
  private final Counter recordsWritten = Metrics.counter(WriteWindowFileFn.class, RECORDS_WRITTEN);
  private final Counter lateRecords = Metrics.counter(WriteWindowFileFn.class, LATE_RECORDS);
  private final Counter finalKept = Metrics.counter(WriteWindowFileFn.class, FINAL_WINDOWS_KEPT);
  private final Counter lateMerged = Metrics.counter(WriteWindowFileFn.class, LATE_RECORDS_MERGED);
  private final ProgressSink.Factory progressFactory;
  private transient ProgressSink progress;

  /**
   * @param progress where {@code created_upto} is published, read to tell whether a late pane's
   *     window is final; null to treat every late pane's window as final
   */
  public WriteWindowFileFn(
      OutputLayout layout, FinalWindows finalAtLaunch, ProgressSink.Factory progress) {
    this.layout = layout;
    this.finalAtLaunch = finalAtLaunch;
    this.progressFactory = progress;
  }

  @Setup
  public void setup() {
    progress = progressFactory == null ? null : progressFactory.open();
  }

  @Teardown
  public void teardown() {
    if (progress != null) {
      progress.close();
    }
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<ChangeRecord>> group,
      IntervalWindow window,
      PaneInfo pane,
      OutputReceiver<KV<String, WrittenFile>> out)
      throws IOException {
    String directory = group.getKey();
    Instant start = Instant.ofEpochMilli(window.start().getMillis());
    Instant end = Instant.ofEpochMilli(window.end().getMillis());
    boolean late = pane.getTiming() == PaneInfo.Timing.LATE;
    if (!late && finalAtLaunch.isFinal(directory, end)) {
      finalKept.inc();
      LOG.debug("[shard={}] window {}..{} was final at launch: its file is kept", directory, start,
          end);
      return;
    }
    if (late) {
      writeLate(directory, start, end, pane.getIndex(), group.getValue(), out);
      return;
    }
    ResourceId file = layout.windowFile(directory, start, end);
    long records = WindowFileWriter.writeSorted(file, group.getValue());
    Metrics.counter(WriteWindowFileFn.class, FILES_WRITTEN_PREFIX + directory).inc();
    filesWritten.inc();
    recordsWritten.inc(records);
    out.output(KV.of(directory, new WrittenFile(directory, file.toString(), start, end, records, false)));
  }

  private void writeLate(String directory, Instant start, Instant end, long paneIndex,
      Iterable<ChangeRecord> pane, OutputReceiver<KV<String, WrittenFile>> out) throws IOException {
    List<ChangeRecord> records = new ArrayList<>();
    pane.forEach(records::add);
    LatePanes.Result result = new LatePanes(layout, finalAtLaunch)
        .write(directory, start, end, paneIndex, records, Optional.ofNullable(progress));
    switch (result.outcome()) {
      case MERGED -> {
        lateMerged.inc(records.size());
        LOG.warn("[shard={}] {} records arrived after the watermark passed window {}..{}, before"
            + " it was final: merged into {}", directory, records.size(), start, end, result.file());
      }
      case KEPT_APART, MERGED_AND_KEPT_APART -> {
        lateRecords.inc(records.size());
        LOG.error("[shard={}] {} records arrived after window {}..{} was final, so the shard may"
            + " have applied it without them; written to {} (see docs/recovery.md, \"Late"
            + " records\")", directory, records.size(), start, end, result.file());
      }
    }
    recordsWritten.inc(records.size());
    out.output(KV.of(directory, new WrittenFile(directory, result.file().toString(), start, end,
        records.size(), true)));
  }
}
