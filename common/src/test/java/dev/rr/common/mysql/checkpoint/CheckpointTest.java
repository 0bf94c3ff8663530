package dev.rr.common.mysql.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2024-01-01T00:00:10Z");
  private final Checkpoint checkpoint =
      new Checkpoint("run", "ls1", START, END, Timestamp.ofTimeSecondsAndNanos(100, 500), "tx-m", 42);

  @Test
  void shouldCoverEveryRecordOfTheCheckpointedTransactionAndEverythingBefore() {
    assertTrue(checkpoint.covers(record(100, 500, "tx-m", "00000003", 7)));
    assertTrue(checkpoint.covers(record(100, 500, "tx-a", "00000000", 0)));
    assertTrue(checkpoint.covers(record(100, 499, "tx-z", "00000000", 0)));
    assertTrue(checkpoint.covers(record(99, 999_999_999, "tx-z", "00000000", 0)));
  }

  @Test
  void shouldNotCoverLaterTransactions() {
    assertFalse(checkpoint.covers(record(100, 500, "tx-n", "00000000", 0)));
    assertFalse(checkpoint.covers(record(100, 501, "tx-a", "00000000", 0)));
    assertFalse(checkpoint.covers(record(101, 0, "", "00000000", 0)));
  }

  @Test
  void shouldAgreeWithTheRecordOrderingOnTimestampAndTransaction() {
    ChangeRecord last = record(100, 500, "tx-m", "00000009", 9);
    for (ChangeRecord other :
        new ChangeRecord[] {
          record(100, 500, "tx-l", "00000000", 0), record(100, 500, "tx-n", "00000000", 0),
          record(100, 499, "tx-z", "00000000", 0), record(100, 501, "a", "00000000", 0)
        }) {
      assertEquals(ChangeRecord.ORDERING.compare(other, last) <= 0, checkpoint.covers(other));
    }
  }

  @Test
  void shouldCoverNothingBeforeTheFirstTransaction() {
    Checkpoint empty = new Checkpoint("run", "ls1", START, END, Timestamp.MIN_VALUE, "", 0);
    assertFalse(empty.covers(record(0, 0, "a", "00000000", 0)));
  }

  @Test
  void shouldKeepWindowBoundsAtMicrosecondPrecision() {
    Checkpoint precise =
        new Checkpoint(
            "run", "ls1", Instant.parse("2024-01-01T00:00:00.123456789Z"), END,
            Timestamp.MIN_VALUE, "", 0);
    assertEquals(Instant.parse("2024-01-01T00:00:00.123456Z"), precise.windowStart());
  }

  @Test
  void shouldRejectInvertedWindowsAndNegativeCounts() {
    Timestamp ts = Timestamp.MIN_VALUE;
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("r", "s", END, START, ts, "", 0));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("r", "s", START, END, ts, "", -1));
    assertThrows(NullPointerException.class, () -> new Checkpoint("r", "s", START, END, null, "", 0));
  }

  private static ChangeRecord record(long seconds, int nanos, String tx, String sequence, int mod) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(seconds, nanos))
        .serverTransactionId(tx)
        .recordSequence(sequence)
        .modIndex(mod)
        .tableName("t")
        .modType(ModType.INSERT)
        .build();
  }
}
