package dev.rr.reader.logic;

import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.model.ChangeRecord;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where the records of a late pane go: records that reached the reader after the watermark had
 * passed their window's end. The change-stream connector does not emit such records in normal
 * operation; when it does (a connector defect), what matters is whether the writers may already
 * have applied the window:
 *
 * <ul>
 *   <li>the window is not final yet (its end is after the shard's published {@code created_upto},
 *       which the reader holds back where the stream was not read): no writer has read its file,
 *       so the records are <b>merged</b> into it and nothing is lost;
 *   <li>the window is final: its file is immutable and may be applied already, so the records are
 *       <b>kept apart</b> in the late directory (counted, logged at ERROR): the shard misses them.
 * </ul>
 *
 * <p>The merge is safe against a {@code created_upto} published meanwhile because {@code
 * created_upto} is read again after the merged file is in place: a writer applies a window only
 * after reading a {@code created_upto} at or past its end (see the writer's {@code WindowPlanner}),
 * so if the second read still shows the window not final, every writer that applies it reads the
 * merged file. If the second read shows it final, a writer may have read the file before the
 * merge: the records are kept apart as well.
 */
public final class LatePanes implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What happened to a late pane. */
  public enum Outcome {
    /** Merged into the window's file before the window was final: nothing lost. */
    MERGED,
    /** The window was final: written to the late directory only. */
    KEPT_APART,
    /** Merged, but the window became final meanwhile: also written to the late directory. */
    MERGED_AND_KEPT_APART
  }

  /** The outcome and the file the late records were last written to. */
  public record Result(Outcome outcome, ResourceId file) {}

  private final OutputLayout layout;
  private final FinalWindows finalAtLaunch;

  public LatePanes(OutputLayout layout, FinalWindows finalAtLaunch) {
    this.layout = layout;
    this.finalAtLaunch = finalAtLaunch;
  }

  /**
   * Writes the late pane {@code paneIndex} of {@code directory}'s window {@code [start, end)}.
   *
   * @param progress the published {@code created_upto}; empty when it cannot be read, and then
   *     the window counts as final
   */
  public Result write(String directory, Instant start, Instant end, long paneIndex,
      List<ChangeRecord> records, Optional<ProgressSink> progress) throws IOException {
    if (progress.isPresent() && !finalAtLaunch.isFinal(directory, end)
        && !isFinalNow(progress.get(), directory, end)) {
      ResourceId windowFile = layout.windowFile(directory, start, end);
      merge(windowFile, records);
      if (!isFinalNow(progress.get(), directory, end)) {
        return new Result(Outcome.MERGED, windowFile);
      }
      return new Result(Outcome.MERGED_AND_KEPT_APART,
          keepApart(directory, start, end, paneIndex, records));
    }
    return new Result(Outcome.KEPT_APART, keepApart(directory, start, end, paneIndex, records));
  }

  private ResourceId keepApart(String directory, Instant start, Instant end, long paneIndex,
      List<ChangeRecord> records) throws IOException {
    ResourceId file = layout.lateFile(directory, start, end, paneIndex);
    WindowFileWriter.writeSorted(file, records);
    return file;
  }

  private static boolean isFinalNow(ProgressSink progress, String directory, Instant end) {
    return progress.published(directory).map(upTo -> !end.isAfter(upTo)).orElse(false);
  }

  /** Rewrites {@code windowFile} (atomically) with its records and {@code late}, sorted. */
  private static void merge(ResourceId windowFile, List<ChangeRecord> late) throws IOException {
    if (!exists(windowFile)) {
      WindowFileWriter.writeSorted(windowFile, late);
      return;
    }
    // The sorter takes every record before the file is replaced, so reading it meanwhile is safe.
    try (BufferFileReader onTime = BufferFileReader.open(windowFile)) {
      Stream<ChangeRecord> read = StreamSupport.stream(
          Spliterators.spliteratorUnknownSize(onTime, Spliterator.ORDERED), false);
      WindowFileWriter.writeSorted(windowFile, () -> Stream.concat(read, late.stream()).iterator());
    }
  }

  private static boolean exists(ResourceId file) throws IOException {
    MatchResult match = FileSystems.match(file.toString(), EmptyMatchTreatment.ALLOW);
    return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
  }
}
