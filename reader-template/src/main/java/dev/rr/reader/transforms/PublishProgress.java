package dev.rr.reader.transforms;

import dev.rr.reader.dofn.PublishProgressFn;
import dev.rr.reader.logic.ProgressPlan;
import dev.rr.reader.logic.ProgressSink;
import dev.rr.reader.logic.ProgressUpdate;
import dev.rr.reader.logic.ReadPosition;
import dev.rr.reader.logic.WrittenFile;
import java.time.Duration;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Step 7: per shard {@code created_upto} = end of the latest window such that every window up to
 * it is final, driven by the watermark behind the written files (see {@link PublishProgressFn}).
 * At most one metadata write per window end; none per record. Emits the published updates.
 */
public final class PublishProgress
    extends PTransform<PCollection<KV<String, WrittenFile>>, PCollection<ProgressUpdate>> {

  /** Least wall-clock time between two metadata writes while catching up (see ProgressTracker). */
  public static final Duration DEFAULT_MIN_WRITE_INTERVAL = Duration.ofSeconds(1);

  private static final String LOOP_KEY = "progress";

  private final ProgressPlan plan;
  private final ProgressSink.Factory sink;
  private final ReadPosition.Factory source;
  private final Duration minWriteInterval;

  private PublishProgress(ProgressPlan plan, ProgressSink.Factory sink,
      ReadPosition.Factory source, Duration minWriteInterval) {
    this.plan = plan;
    this.sink = sink;
    this.source = source;
    this.minWriteInterval = minWriteInterval;
  }

  /**
   * Publishes {@code plan}'s progress to {@code sink}, trusting the watermark alone (see {@link
   * #withReadPosition}).
   */
  public static PublishProgress of(ProgressPlan plan, ProgressSink.Factory sink) {
    return new PublishProgress(plan, sink, ReadPosition.unlimited(), DEFAULT_MIN_WRITE_INTERVAL);
  }

  /** The same with another pacing; {@link Duration#ZERO} writes every window end. */
  public PublishProgress withMinWriteInterval(Duration interval) {
    return new PublishProgress(plan, sink, source, interval);
  }

  /** The same, never publishing past how far {@code source} says the change stream was read. */
  public PublishProgress withReadPosition(ReadPosition.Factory source) {
    return new PublishProgress(plan, sink, source, minWriteInterval);
  }

  @Override
  public PCollection<ProgressUpdate> expand(PCollection<KV<String, WrittenFile>> files) {
    KvCoder<String, String> coder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> seed =
        files.getPipeline()
            .apply("SeedAtStart", Create.timestamped(TimestampedValue.of(
                KV.of(LOOP_KEY, "seed"), new org.joda.time.Instant(plan.start().toEpochMilli()))))
            .setCoder(coder);
    PCollection<KV<String, String>> written =
        files
            .apply("IntoGlobalWindow", Window.<KV<String, WrittenFile>>into(new GlobalWindows())
                .triggering(DefaultTrigger.of())
                .withAllowedLateness(org.joda.time.Duration.ZERO)
                .discardingFiredPanes())
            .apply("KeyForLoop", MapElements
                .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via(file -> KV.of(LOOP_KEY, file.getValue().file())))
            .setCoder(coder);
    return PCollectionList.of(seed)
        .and(written)
        .apply("SeedAndFiles", Flatten.pCollections())
        .apply("AdvanceCreatedUpto",
            ParDo.of(new PublishProgressFn(plan, sink, source, minWriteInterval)))
        .setCoder(SerializableCoder.of(ProgressUpdate.class));
  }
}
