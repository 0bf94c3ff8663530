package dev.rr.reader.dofn;

import dev.rr.reader.logic.ProgressPlan;
import dev.rr.reader.logic.ProgressSink;
import dev.rr.reader.logic.ProgressTracker;
import dev.rr.reader.logic.ProgressUpdate;
import dev.rr.reader.logic.ReadPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress loop: one key in the global window, fed by a seed at the run's start and by every
 * written file. An event-time timer walks the window ends of the grid; when it fires at {@code T}
 * the watermark has passed {@code T}, so every file of every window ending at or before {@code T}
 * has been written, and {@code created_upto = T} is published for every shard (see {@link
 * ProgressTracker} for the pacing). A window end held back by the pacing is written by a
 * processing-time timer once the pacing interval has passed, not when the watermark passes the
 * next window. The inputs only hold the watermark back; their values are not needed.
 */
public final class PublishProgressFn extends DoFn<KV<String, String>, ProgressUpdate> {
  private static final Logger LOG = LoggerFactory.getLogger(PublishProgressFn.class);
  private static final long LOOP_DONE = Long.MIN_VALUE;

  private final ProgressPlan plan;
  private final ProgressSink.Factory sinkFactory;
  private final ReadPosition.Factory sourceFactory;
  private final Duration minWriteInterval;

  @StateId("nextWindowEnd")
  private final StateSpec<ValueState<Long>> nextWindowEndSpec = StateSpecs.value(VarLongCoder.of());

  /** The latest window end published, so that a new DoFn instance never publishes an older one. */
  @StateId("published")
  private final StateSpec<ValueState<Long>> publishedSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId("windowEnd")
  private final TimerSpec windowEndSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  @TimerId("flushHeldBack")
  private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  private transient ProgressSink sink;
  private transient ReadPosition source;
  private transient ProgressTracker tracker;

  /**
   * @param sourceFactory how far the change stream was really read: no window end past it is
   *     published (a drained job's watermark passes windows it never read)
   */
  public PublishProgressFn(
      ProgressPlan plan,
      ProgressSink.Factory sinkFactory,
      ReadPosition.Factory sourceFactory,
      Duration minWriteInterval) {
    this.plan = plan;
    this.sinkFactory = sinkFactory;
    this.sourceFactory = sourceFactory;
    this.minWriteInterval = minWriteInterval;
  }

  @Setup
  public void setup() {
    sink = sinkFactory.open();
    source = sourceFactory.open();
    tracker = new ProgressTracker(plan, minWriteInterval, source);
  }

  @ProcessElement
  public void processElement(
      @StateId("nextWindowEnd") ValueState<Long> nextWindowEnd,
      @TimerId("windowEnd") Timer windowEnd) {
    if (nextWindowEnd.read() == null) {
      Instant first = plan.firstWindowEnd();
      windowEnd.set(new org.joda.time.Instant(first.toEpochMilli()));
      nextWindowEnd.write(first.toEpochMilli());
      LOG.info("[progress] loop starts at window end {} ({})", first, plan);
    }
  }

  @OnTimer("windowEnd")
  public void onWindowEnd(
      OnTimerContext context,
      @StateId("nextWindowEnd") ValueState<Long> nextWindowEnd,
      @StateId("published") ValueState<Long> published,
      @TimerId("windowEnd") Timer windowEnd,
      @TimerId("flushHeldBack") Timer flush,
      OutputReceiver<ProgressUpdate> out) {
    Instant end = Instant.ofEpochMilli(context.timestamp().getMillis());
    Instant now = Instant.now();
    ProgressTracker.Step step = tracker.onWindowEnd(end, now);
    publish(step.publish(), published, out);
    armFlush(flush, now);
    if (step.nextWindowEnd().isPresent()) {
      long next = step.nextWindowEnd().get().toEpochMilli();
      windowEnd.set(new org.joda.time.Instant(next));
      nextWindowEnd.write(next);
    } else {
      nextWindowEnd.write(LOOP_DONE);
      if (tracker.flushDueAt().isEmpty()) {
        // Nothing left to write: no timer may keep a finished or draining job alive.
        flush.clear();
      }
      LOG.info("[progress] loop ends at window end {}", end);
    }
  }

  @OnTimer("flushHeldBack")
  public void onFlush(
      @StateId("published") ValueState<Long> published,
      @TimerId("flushHeldBack") Timer flush,
      OutputReceiver<ProgressUpdate> out) {
    Instant now = Instant.now();
    publish(tracker.flush(now), published, out);
    // Still held back when the source has not read that far yet: ask again later.
    armFlush(flush, now);
  }

  private void armFlush(Timer flush, Instant now) {
    tracker.flushDueAt().ifPresent(due -> {
      long waitMillis = Math.max(1, Duration.between(now, due).toMillis());
      flush.offset(org.joda.time.Duration.millis(waitMillis)).setRelative();
    });
  }

  /** Publishes one window end's updates, unless an equal or later end was published already. */
  private void publish(
      List<ProgressUpdate> updates, ValueState<Long> published, OutputReceiver<ProgressUpdate> out) {
    if (updates.isEmpty()) {
      return;
    }
    long end = updates.get(0).createdUpto().toEpochMilli();
    Long before = published.read();
    if (before != null && end <= before) {
      return;
    }
    sink.publish(updates);
    updates.forEach(out::output);
    published.write(end);
  }

  @Teardown
  public void teardown() {
    if (sink != null) {
      sink.close();
    }
    if (source != null) {
      source.close();
    }
  }
}
