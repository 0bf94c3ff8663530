package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModSplitterTest {

  @Test
  void shouldEmitOneRecordPerModKeepingTransactionFieldsAndModPosition() {
    Timestamp commit = Timestamp.parseTimestamp("2024-01-01T00:00:01.123456789Z");
    List<ChangeRecord> records =
        ModSplitter.split(
            DataChangeRecords.record(
                commit, "tx-7", "00000003", "Users",
                org.apache.beam.sdk.io.gcp.spanner.changestreams.model.ModType.UPDATE,
                "txBy=none", 5,
                DataChangeRecords.mod("{\"id\":\"1\"}", "{\"name\":\"a\"}", "{\"name\":\"b\"}"),
                DataChangeRecords.mod("{\"id\":\"2\"}", "{}", "{\"name\":\"c\"}")));

    assertEquals(2, records.size());
    for (int i = 0; i < 2; i++) {
      ChangeRecord record = records.get(i);
      assertEquals(commit, record.commitTimestamp());
      assertEquals("tx-7", record.serverTransactionId());
      assertEquals("00000003", record.recordSequence());
      assertEquals(i, record.modIndex());
      assertEquals("Users", record.tableName());
      assertEquals(ModType.UPDATE, record.modType());
      assertEquals(5, record.numberOfRecordsInTransaction());
      assertEquals("txBy=none", record.transactionTag());
      assertNull(record.shard());
    }
    assertEquals("{\"id\":\"1\"}", records.get(0).keysJson());
    assertEquals("{\"name\":\"a\"}", records.get(0).oldValuesJson());
    assertEquals("{\"name\":\"b\"}", records.get(0).newValuesJson());
    assertEquals("{\"id\":\"2\"}", records.get(1).keysJson());
    assertEquals("{\"name\":\"c\"}", records.get(1).newValuesJson());
  }

  @Test
  void shouldMapDeletesWithMissingRowImagesToEmptyObjects() {
    List<ChangeRecord> records =
        ModSplitter.split(
            DataChangeRecords.record(
                Timestamp.ofTimeSecondsAndNanos(100, 0), "1", "00000000", "Users",
                org.apache.beam.sdk.io.gcp.spanner.changestreams.model.ModType.DELETE, "", 1,
                DataChangeRecords.mod("{\"id\":\"1\"}", null, null)));

    assertEquals(ModType.DELETE, records.get(0).modType());
    assertEquals("{}", records.get(0).oldValuesJson());
    assertEquals("{}", records.get(0).newValuesJson());
    assertEquals("", records.get(0).transactionTag());
  }
}
