package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.checkpoint.Checkpoint;
import dev.rr.writer.logic.ChangeMapper.SkipReason;
import java.util.List;
import java.util.Map;

/** Running totals of one {@link WindowApplier#apply} call. */
final class ApplyTotals {
  long applied;
  long alreadyApplied;
  long skipped;
  Checkpoint checkpoint;
  Double lagSeconds;

  void seen(Checkpoint current) {
    if (current != null && (checkpoint == null
        || current.recordsApplied() > checkpoint.recordsApplied())) {
      checkpoint = current;
    }
  }

  void committed(Checkpoint next, long written, Map<SkipReason, List<ChangeRecord>> kept) {
    checkpoint = next;
    applied += written;
    kept.values().forEach(records -> skipped += records.size());
  }

  WindowApplier.Result result() {
    return new WindowApplier.Result(applied, alreadyApplied, skipped, checkpoint, lagSeconds);
  }
}
