package dev.rr.reader.transforms;

import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.dofn.WriteWindowFileFn;
import dev.rr.reader.logic.FinalWindows;
import dev.rr.reader.logic.OutputLayout;
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

  private WriteShardFiles(OutputLayout layout, FinalWindows finalAtLaunch) {
    this.layout = layout;
    this.finalAtLaunch = finalAtLaunch;
  }

  /** Writes under {@code layout}, every window (a new run). */
  public static WriteShardFiles to(OutputLayout layout) {
    return new WriteShardFiles(layout, FinalWindows.none());
  }

  /** The same, except windows already final at launch, whose files are kept as they are. */
  public WriteShardFiles keeping(FinalWindows finalWindows) {
    return new WriteShardFiles(layout, finalWindows);
  }

  @Override
  public PCollection<KV<String, WrittenFile>> expand(PCollection<KV<String, ChangeRecord>> input) {
    return input
        .apply("GroupByShardAndWindow", GroupByKey.create())
        .apply("WriteSortedFile", ParDo.of(new WriteWindowFileFn(layout, finalAtLaunch)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(WrittenFile.class)));
  }
}
