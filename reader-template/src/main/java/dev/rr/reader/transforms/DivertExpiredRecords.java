package dev.rr.reader.transforms;

import dev.rr.common.buffer.ChangeRecordCoder;
import dev.rr.common.buffer.IntervalGrid;
import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.dofn.DivertExpiredFn;
import dev.rr.reader.dofn.WriteExpiredFn;
import dev.rr.reader.logic.ExpiryRule;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.ProgressPlan;
import java.time.Duration;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Between steps 4 and 5, before the windowing: a record so late that Beam's window expiry could drop it (its
 * window ended nearly {@link WindowIntoIntervals#LATE_DATA_HORIZON} before the watermark) is kept
 * in the late directory and counted instead ({@link ExpiryRule}, {@link DivertExpiredFn}); every
 * other record goes on unchanged. Nothing is ever dropped without a file and a counter.
 *
 * <p>The decision needs the watermark, which a DoFn learns only from its own event-time timers:
 * the records are keyed by one of {@link #BUCKETS} buckets of their directory, each bucket
 * seeded at the run's start and running a timer every {@link ExpiryRule#step} of event time.
 */
public final class DivertExpiredRecords
    extends PTransform<PCollection<KV<String, ChangeRecord>>, PCollection<KV<String, ChangeRecord>>> {

  /** Keys of the deciding step: its parallelism, and the number of timer loops it runs. */
  public static final int BUCKETS = 16;

  private final ProgressPlan loop;
  private final ExpiryRule rule;
  private final OutputLayout layout;

  private DivertExpiredRecords(ProgressPlan loop, ExpiryRule rule, OutputLayout layout) {
    this.loop = loop;
    this.rule = rule;
    this.layout = layout;
  }

  /**
   * @param loop the run's start and, for a bounded run, its end, as for the progress
   * @param grid the run's window grid
   * @param layout where the late directory is
   */
  public static DivertExpiredRecords of(ProgressPlan loop, IntervalGrid grid, OutputLayout layout) {
    return new DivertExpiredRecords(loop,
        new ExpiryRule(grid, Duration.ofMillis(WindowIntoIntervals.LATE_DATA_HORIZON.getMillis())),
        layout);
  }

  @Override
  public PCollection<KV<String, ChangeRecord>> expand(PCollection<KV<String, ChangeRecord>> input) {
    KvCoder<String, ChangeRecord> recordCoder =
        KvCoder.of(StringUtf8Coder.of(), ChangeRecordCoder.of());
    KvCoder<Integer, KV<String, ChangeRecord>> bucketed =
        KvCoder.of(VarIntCoder.of(), NullableCoder.of(recordCoder));
    // One element, as for the progress loop, fanned out to every bucket: with a Create of 16
    // elements the DirectRunner (parallelism 1, unbounded change stream) never delivered the
    // seeds, so no bucket had a hold and the watermark stalled (UnboundedIT).
    PCollection<KV<Integer, KV<String, ChangeRecord>>> seeds = input.getPipeline()
        .apply("SeedAtStart", Create.timestamped(TimestampedValue.of(0,
            new org.joda.time.Instant(loop.start().toEpochMilli()))).withCoder(VarIntCoder.of()))
        .apply("SeedEveryBucket", ParDo.of(new SeedBucketsFn()))
        .setCoder(bucketed);
    PCollection<KV<Integer, KV<String, ChangeRecord>>> records = input
        .apply("KeyByBucket", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.integers(),
                new TypeDescriptor<KV<String, ChangeRecord>>() {}))
            .via(record -> KV.of(Math.floorMod(record.getKey().hashCode(), BUCKETS), record)))
        .setCoder(bucketed);
    PCollectionTuple split = PCollectionList.of(seeds).and(records)
        .apply("SeedsAndRecords", Flatten.pCollections())
        .apply("DivertExpired", ParDo.of(new DivertExpiredFn(loop, rule))
            .withOutputTags(DivertExpiredFn.ON_TIME, TupleTagList.of(DivertExpiredFn.EXPIRED)));
    split.get(DivertExpiredFn.EXPIRED).setCoder(recordCoder)
        .apply("KeepExpiredApart", ParDo.of(new WriteExpiredFn(layout, rule)));
    return split.get(DivertExpiredFn.ON_TIME).setCoder(recordCoder);
  }

  /** One seed per bucket, at the seed's timestamp. */
  private static final class SeedBucketsFn
      extends DoFn<Integer, KV<Integer, KV<String, ChangeRecord>>> {
    @ProcessElement
    public void processElement(OutputReceiver<KV<Integer, KV<String, ChangeRecord>>> out) {
      for (int bucket = 0; bucket < BUCKETS; bucket++) {
        out.output(KV.of(bucket, null));
      }
    }
  }
}
