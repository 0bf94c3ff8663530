package dev.rr.reader.dofn;

import dev.rr.common.model.ChangeRecord;
import dev.rr.reader.logic.ExpiryRule;
import dev.rr.reader.logic.ProgressPlan;
import java.time.Instant;
import java.util.Optional;
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
import org.apache.beam.sdk.values.TupleTag;

/**
 * Sends each record on to the windowing, or - when Beam's window expiry could drop it ({@link
 * ExpiryRule}) - to the expired output, which keeps it in the late directory.
 *
 * <p>Keyed by a bucket of the output directory, in the global window (which never expires, so
 * this step drops nothing itself). Each bucket is seeded at the run's start (a null value) and
 * runs a loop of event-time timers over the grid's window ends, like the progress loop: when the
 * timer fires at {@code T}, the input watermark has passed {@code T}; the next timer holds the
 * step's output watermark at {@link ExpiryRule#holdAfter}{@code (T)}, just before the next window
 * end, and the rule compares records with that hold: no step after this one sees a later
 * watermark. The loop ends with the run (bounded) or when the watermark is beyond the wall clock
 * (the source stopped); from then on every record counts as expired, because without the hold
 * Beam's watermark may be at the end of time.
 */
public final class DivertExpiredFn
    extends DoFn<KV<Integer, KV<String, ChangeRecord>>, KV<String, ChangeRecord>> {

  /** Records on their way to the windowing. */
  public static final TupleTag<KV<String, ChangeRecord>> ON_TIME = new TupleTag<>() {};
  /** Records Beam's window expiry could drop. */
  public static final TupleTag<KV<String, ChangeRecord>> EXPIRED = new TupleTag<>() {};

  private static final long LOOP_DONE = Long.MAX_VALUE;

  private final ProgressPlan loop;
  private final ExpiryRule rule;

  /** The output watermark hold of the pending timer; {@link #LOOP_DONE} once the loop ended. */
  @StateId("held")
  private final StateSpec<ValueState<Long>> heldSpec = StateSpecs.value(VarLongCoder.of());

  /** Set once the loop is started, so a repeated seed does not start it again. */
  @StateId("started")
  private final StateSpec<ValueState<Long>> startedSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId("windowEnd")
  private final TimerSpec windowEndSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  /** @param loop the window ends to walk (start, grid, end of a bounded run) */
  public DivertExpiredFn(ProgressPlan loop, ExpiryRule rule) {
    this.loop = loop;
    this.rule = rule;
  }

  @ProcessElement
  public void processElement(
      @Element KV<Integer, KV<String, ChangeRecord>> element,
      @Timestamp org.joda.time.Instant timestamp,
      @StateId("held") ValueState<Long> held,
      @StateId("started") ValueState<Long> started,
      @TimerId("windowEnd") Timer windowEnd,
      MultiOutputReceiver out) {
    KV<String, ChangeRecord> record = element.getValue();
    if (record == null) {
      if (started.read() == null) {
        // Until the first window end passes, the watermark is at most the start (the seed holds it).
        started.write(loop.start().toEpochMilli());
        holdAndFireAt(windowEnd, held, loop.start(), loop.firstWindowEnd());
      }
      return;
    }
    Optional<Instant> known = Optional.ofNullable(held.read())
        .map(millis -> millis == LOOP_DONE ? Instant.MAX : Instant.ofEpochMilli(millis));
    boolean expired = rule.isExpired(Instant.ofEpochMilli(timestamp.getMillis()), known);
    out.get(expired ? EXPIRED : ON_TIME).output(record);
  }

  @OnTimer("windowEnd")
  public void onWindowEnd(
      OnTimerContext context,
      @StateId("held") ValueState<Long> held,
      @TimerId("windowEnd") Timer windowEnd) {
    Instant end = Instant.ofEpochMilli(context.fireTimestamp().getMillis());
    Optional<Instant> next = loop.nextWindowEnd(end);
    if (next.isEmpty() || loop.isBeyondWallClock(end, Instant.now())) {
      // No timer left, so no hold: nothing downstream keeps its watermark from the end of time.
      held.write(LOOP_DONE);
      return;
    }
    holdAndFireAt(windowEnd, held, rule.holdAfter(end), next.get());
  }

  /** Fires at {@code at}, holding the output watermark at {@code hold} until then. */
  private static void holdAndFireAt(
      Timer timer, ValueState<Long> held, Instant hold, Instant at) {
    held.write(hold.toEpochMilli());
    timer.withOutputTimestamp(joda(hold)).set(joda(at));
  }

  private static org.joda.time.Instant joda(Instant instant) {
    return new org.joda.time.Instant(instant.toEpochMilli());
  }
}
