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
 * runs a loop of event-time timers one {@link ExpiryRule#step} apart: when the timer fires at
 * {@code T}, the input watermark has passed {@code T}; the next timer, at {@link
 * ExpiryRule#nextCheck}{@code (T)}, holds the step's output watermark 1 ms before it, and the rule
 * compares records with that hold: no step after this one sees a later watermark. The loop ends
 * with the run (bounded) or when the watermark is beyond the wall clock (the source stopped); from
 * then on every record counts as expired, because without the hold Beam's watermark may be at the
 * end of time.
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

  @TimerId("check")
  private final TimerSpec checkSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  /** @param loop the run's start (the loop's seed) and, for a bounded run, its end */
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
      @TimerId("check") Timer check,
      MultiOutputReceiver out) {
    KV<String, ChangeRecord> record = element.getValue();
    if (record == null) {
      if (started.read() == null) {
        // Every record of the run commits at or after its start: the watermark has passed nothing
        // before it.
        started.write(loop.start().toEpochMilli());
        holdAndFireAt(check, held, rule.nextCheck(loop.start()));
      }
      return;
    }
    Optional<Instant> known = Optional.ofNullable(held.read())
        .map(millis -> millis == LOOP_DONE ? Instant.MAX : Instant.ofEpochMilli(millis));
    boolean expired = rule.isExpired(Instant.ofEpochMilli(timestamp.getMillis()), known);
    out.get(expired ? EXPIRED : ON_TIME).output(record);
  }

  @OnTimer("check")
  public void onCheck(
      OnTimerContext context,
      @StateId("held") ValueState<Long> held,
      @TimerId("check") Timer check) {
    Instant passed = Instant.ofEpochMilli(context.fireTimestamp().getMillis());
    if (loop.isLast(passed) || loop.isBeyondWallClock(passed, Instant.now())) {
      // No timer left, so no hold: nothing downstream keeps its watermark from the end of time.
      held.write(LOOP_DONE);
      return;
    }
    holdAndFireAt(check, held, rule.nextCheck(passed));
  }

  /** Fires at {@code at}, holding the output watermark just before it until then. */
  private void holdAndFireAt(Timer timer, ValueState<Long> held, Instant at) {
    Instant hold = rule.holdBefore(at);
    held.write(hold.toEpochMilli());
    timer.withOutputTimestamp(joda(hold)).set(joda(at));
  }

  private static org.joda.time.Instant joda(Instant instant) {
    return new org.joda.time.Instant(instant.toEpochMilli());
  }
}
