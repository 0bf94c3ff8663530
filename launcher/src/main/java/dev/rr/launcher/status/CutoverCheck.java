package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether every shard of a run holds all changes committed up to a cutover time T.
 *
 * <p>{@code created_upto} and {@code processed_upto} are always window ends, so a shard is done
 * exactly when both are after T: the window containing T (whatever the window alignment) is
 * final in the buffer and applied in the shard database.
 */
public final class CutoverCheck {
  /** The verdict at one moment. */
  public enum Verdict {
    /** Every shard has applied everything committed up to T. */
    DONE,
    /** Some shards are behind; keep waiting. */
    WAITING,
    /** A shard is in ERROR: it will not catch up without an operator. */
    FAILED
  }

  /**
   * The verdict and, unless DONE, one line per shard that is in ERROR or behind (saying how far
   * it got; both times must pass the cutover time).
   */
  public record Outcome(Verdict verdict, List<String> reasons) {
    public Outcome {
      Objects.requireNonNull(verdict, "verdict");
      reasons = List.copyOf(reasons);
    }
  }

  private CutoverCheck() {}

  /** Evaluates {@code state} against cutover time {@code at}. */
  public static Outcome evaluate(RunState state, Timestamp at) {
    if (state.shards().isEmpty()) {
      return new Outcome(Verdict.WAITING, List.of("no shard has reported progress yet"));
    }
    List<String> failed = new ArrayList<>();
    List<String> behind = new ArrayList<>();
    for (ShardState shard : state.shards()) {
      if (shard.isError()) {
        failed.add("shard " + shard.shard() + " is in ERROR: " + shard.error().orElse("(no error text)"));
      } else if (!after(shard.createdUpto().orElse(null), at)) {
        behind.add("shard " + shard.shard() + ": files created up to "
            + StatusTable.time(shard.createdUpto()));
      } else if (!after(shard.processedUpto().orElse(null), at)) {
        behind.add("shard " + shard.shard() + ": applied up to "
            + StatusTable.time(shard.processedUpto()));
      }
    }
    if (!failed.isEmpty()) {
      failed.addAll(behind);
      return new Outcome(Verdict.FAILED, failed);
    }
    return behind.isEmpty()
        ? new Outcome(Verdict.DONE, List.of())
        : new Outcome(Verdict.WAITING, behind);
  }

  private static boolean after(Timestamp value, Timestamp at) {
    return value != null && value.compareTo(at) > 0;
  }
}
