package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionGrouperTest {

  private static ChangeRecord record(long seconds, String transaction, int modIndex) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(seconds, 0))
        .serverTransactionId(transaction)
        .modIndex(modIndex)
        .tableName("t")
        .modType(ModType.INSERT)
        .build();
  }

  @Test
  void shouldGroupConsecutiveRecordsOfOneTransaction() {
    List<ChangeRecord> records =
        List.of(
            record(1, "a", 0), record(1, "a", 1), record(1, "b", 0), record(2, "a", 0),
            record(2, "a", 1), record(2, "a", 2));

    List<SpannerTransaction> transactions = new ArrayList<>();
    new TransactionGrouper(records.iterator()).forEachRemaining(transactions::add);

    assertEquals(3, transactions.size());
    assertEquals(List.of(2, 1, 3), transactions.stream().map(SpannerTransaction::size).toList());
    assertEquals("b", transactions.get(1).serverTransactionId());
    assertEquals(Timestamp.ofTimeSecondsAndNanos(2, 0), transactions.get(2).commitTimestamp());
  }

  @Test
  void shouldYieldNothingForAnEmptyFile() {
    assertFalse(new TransactionGrouper(List.<ChangeRecord>of().iterator()).hasNext());
  }
}
