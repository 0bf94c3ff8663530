package dev.rr.writer.dofn;

import dev.rr.writer.logic.ShardTurn;
import dev.rr.writer.logic.ShardWorker;
import dev.rr.writer.logic.WriterPlan;
import dev.rr.writer.logic.WriterRuntime;
import dev.rr.writer.logic.WriterRuntimes;
import java.time.Duration;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;

/**
 * Runs one shard's {@link ShardWorker} for as long as the shard has work: the element is a
 * logical shard id, and each call works for a bounded time and then asks the runner to call again
 * (soon, or after the poll interval while the shard waits for the reader or for its server).
 * Within a call, waits that fit in its budget are waited on the call's thread ({@link ShardTurn}),
 * and a call ends at once when the runtime is closed. The runner thus interleaves any number of
 * shards on its threads and a stalled shard holds one for at most a call.
 *
 * <p>The restriction is only a turn counter: where a shard stands is in its MySQL checkpoint, so
 * the restriction is never split (a shard is strictly sequential) and a retried call is harmless.
 * Where each shard stands is recorded in the metadata database ({@code
 * shard_file_process_progress}); the step has no output.
 */
@DoFn.UnboundedPerElement
public final class ApplyShardFn extends DoFn<String, String> {
  private static final long serialVersionUID = 1L;

  /** How long one call works before giving the thread back. */
  static final Duration WORK_BUDGET = Duration.ofSeconds(10);

  private final WriterPlan plan;
  private transient WriterRuntime runtime;

  public ApplyShardFn(WriterPlan plan) {
    this.plan = plan;
  }

  @Setup
  public void setup() {
    runtime = WriterRuntimes.acquire(plan, BeamShardMetrics::new);
  }

  @Teardown
  public void teardown() {
    if (runtime != null) {
      WriterRuntimes.release(plan);
      runtime = null;
    }
  }

  @GetInitialRestriction
  public OffsetRange initialRestriction(@Element String shard) {
    return new OffsetRange(0, Long.MAX_VALUE);
  }

  @NewTracker
  public RestrictionTracker<OffsetRange, Long> newTracker(@Restriction OffsetRange range) {
    return new TurnTracker(range);
  }

  @ProcessElement
  public ProcessContinuation process(
      @Element String shard,
      RestrictionTracker<OffsetRange, Long> turns) {
    if (!turns.tryClaim(turns.currentRestriction().getFrom())) {
      return ProcessContinuation.stop();
    }
    WriterRuntime current = runtime;
    ShardWorker worker = current.worker(shard);
    ShardWorker.RunResult result = ShardTurn.run(worker::runFor, WORK_BUDGET, System::nanoTime,
        d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000), current::isClosed);
    switch (result.outcome()) {
      case DONE, FAILED -> {
        // Claim every remaining turn: the shard needs no more calls. (When the runner has
        // checkpointed meanwhile, the claim fails and one more call finds the shard stopped.)
        turns.tryClaim(Long.MAX_VALUE - 1);
        return ProcessContinuation.stop();
      }
      case WAIT -> {
        return ProcessContinuation.resume()
            .withResumeDelay(org.joda.time.Duration.millis(result.resumeAfter().toMillis()));
      }
      default -> {
        return ProcessContinuation.resume();
      }
    }
  }

  /** Offsets as turns; splits only to checkpoint (fraction 0), never to run a shard twice. */
  static final class TurnTracker extends OffsetRangeTracker {
    TurnTracker(OffsetRange range) {
      super(range);
    }

    @Override
    public SplitResult<OffsetRange> trySplit(double fractionOfRemainder) {
      return fractionOfRemainder == 0 ? super.trySplit(0) : null;
    }
  }
}
