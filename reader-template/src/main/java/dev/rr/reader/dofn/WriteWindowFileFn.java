package dev.rr.reader.dofn;

import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.logic.FinalWindows;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.WindowFileWriter;
import dev.rr.reader.logic.WrittenFile;
import java.io.IOException;
import java.time.Instant;
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
 * on-time pane, a late-pane file in the late directory otherwise. A window that was already final
 * when the reader started (a resumed reader reading it again for another shard) is not written:
 * final files are immutable.
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

  /** On-time panes of windows already final at launch, not written again. */
  public static final String FINAL_WINDOWS_KEPT = "final_windows_kept";

  private final OutputLayout layout;
  private final FinalWindows finalAtLaunch;
  private final Counter filesWritten = Metrics.counter(WriteWindowFileFn.class, FILES_WRITTEN);
  private final Counter recordsWritten = Metrics.counter(WriteWindowFileFn.class, RECORDS_WRITTEN);
  private final Counter lateRecords = Metrics.counter(WriteWindowFileFn.class, LATE_RECORDS);
  private final Counter finalKept = Metrics.counter(WriteWindowFileFn.class, FINAL_WINDOWS_KEPT);

  public WriteWindowFileFn(OutputLayout layout, FinalWindows finalAtLaunch) {
    this.layout = layout;
    this.finalAtLaunch = finalAtLaunch;
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
    ResourceId file = late
        ? layout.lateFile(directory, start, end, pane.getIndex())
        : layout.windowFile(directory, start, end);
    long records = WindowFileWriter.writeSorted(file, group.getValue());
    if (late) {
      lateRecords.inc(records);
      LOG.error("[shard={}] {} records arrived after window {}..{} was final; written to {}",
          directory, records, start, end, file);
    } else {
      Metrics.counter(WriteWindowFileFn.class, FILES_WRITTEN_PREFIX + directory).inc();
      filesWritten.inc();
    }
    recordsWritten.inc(records);
    out.output(KV.of(directory, new WrittenFile(directory, file.toString(), start, end, records, late)));
  }
}
