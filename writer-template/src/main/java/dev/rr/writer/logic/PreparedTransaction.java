package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.MappingException;
import dev.rr.writer.logic.ChangeMapper.SkipReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One Spanner transaction mapped before it is applied: its net changes and the records it does not
 * write, or the error mapping it raised. Mapping never throws here, so that a transaction the
 * checkpoint already covers is skipped whatever its records hold, exactly as if it had not been
 * mapped.
 *
 * @param transaction the transaction
 * @param changes its net row changes; null when mapping failed
 * @param skipped records not written, by reason; null when mapping failed
 * @param written records whose change is written
 * @param failure what mapping threw, or null: a {@link RecordFailure} naming the record when
 *     mapping a record threw, any other exception (grouping the changes) as thrown
 */
record PreparedTransaction(
    SpannerTransaction transaction,
    ChangeBatch changes,
    Map<SkipReason, List<ChangeRecord>> skipped,
    long written,
    RuntimeException failure) {

  /** Maps {@code transaction}; never throws what mapping throws, but keeps it. */
  static PreparedTransaction map(
      SpannerTransaction transaction, ChangeMapper mapper, SourceConstraints constraints) {
    try {
      List<RowChange> changes = new ArrayList<>(transaction.size());
      Map<SkipReason, List<ChangeRecord>> skipped = new EnumMap<>(SkipReason.class);
      long written = 0;
      for (ChangeRecord record : transaction.records()) {
        ChangeMapper.Outcome outcome;
        try {
          outcome = mapper.map(record);
        } catch (RuntimeException e) {
          // Whatever mapping one record throws (a value that does not fit its Spanner type, a
          // failing transformation, a bug) is about that record: keep it as the evidence.
          throw new RecordFailure(record, e);
        }
        if (outcome instanceof ChangeMapper.Write write) {
          changes.add(write.change());
          written++;
        } else if (outcome instanceof ChangeMapper.Skip skip) {
          skipped.computeIfAbsent(skip.reason(), r -> new ArrayList<>()).add(record);
        }
      }
      ChangeBatch batch = ChangeBatch.ofTransaction(constraints, changes, transaction.size());
      return new PreparedTransaction(transaction, batch, skipped, written, null);
    } catch (RuntimeException e) {
      return new PreparedTransaction(transaction, null, null, 0, e);
    }
  }

  /** Records in the transaction. */
  int size() {
    return transaction.size();
  }

  /** A record that could not be mapped, carried out of the mapping loop. */
  static final class RecordFailure extends MappingException {
    private static final long serialVersionUID = 1L;
    private final transient ChangeRecord record;

    RecordFailure(ChangeRecord record, RuntimeException cause) {
      super(cause.getMessage(), cause);
      this.record = record;
    }

    /** The record that could not be mapped. */
    ChangeRecord record() {
      return record;
    }
  }
}
