package dev.rr.reader.transforms;

import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.dofn.WriteWindowFileFn;
import dev.rr.reader.logic.FinalWindows;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.ProgressSink;
import dev.rr.reader.logic.WrittenFile;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Step 6: one file per (shard, window) that had data, records in commit order, under the {@link
 * OutputLayout}. Emits one {@link WrittenFile} per file, in the file's window, after the file is
 * in place. Windows final before the launch are not written again ({@link FinalWindows}).
 */
public final class WriteShardFiles
    extends PTransform<PCollection<KV<String, ChangeRecord>>, PCollection<KV<String, WrittenFile>>> {
  private final OutputLayout layout;
  private final FinalWindows finalAtLaunch;
  private final ProgressSink.Factory progress;

  private WriteShardFiles(
      OutputLayout layout, FinalWindows finalAtLaunch, ProgressSink.Factory progress) {
    this.layout = layout;
    this.finalAtLaunch = finalAtLaunch;
    this.progress = progress;
  }

  /**
   * Writes under {@code layout}, every window (a new run); late panes are kept apart in the late
   * directory, as if their windows were final.
   */
  public static WriteShardFiles to(OutputLayout layout) {
    return new WriteShardFiles(layout, FinalWindows.none(), null);
  }

  /** The same, except windows already final at launch, whose files are kept as they are. */
  public WriteShardFiles keeping(FinalWindows finalWindows) {
    return new WriteShardFiles(layout, finalWindows, progress);
  }

  /**
   * The same, merging a late pane into its window's file while {@code progress} shows the window
   * not final yet ({@link dev.rr.reader.logic.LatePanes}).
   */
  public WriteShardFiles mergingLatePanesBefore(ProgressSink.Factory progress) {
    return new WriteShardFiles(layout, finalAtLaunch, progress);
  }

  @Override
  public PCollection<KV<String, WrittenFile>> expand(PCollection<KV<String, ChangeRecord>> input) {
    return input
        .apply("GroupByShardAndWindow", GroupByKey.create())
        .apply("WriteSortedFile", ParDo.of(new WriteWindowFileFn(layout, finalAtLaunch, progress)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(WrittenFile.class)));
  }
}
