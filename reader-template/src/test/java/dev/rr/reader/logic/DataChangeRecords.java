package dev.rr.reader.logic;

import com.google.cloud.Timestamp;
import java.util.List;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.ChangeStreamRecordMetadata;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.Mod;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.ModType;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.ValueCaptureType;

/** Hand-built change-stream records for tests (the emulator cannot produce transaction tags). */
public final class DataChangeRecords {
  private DataChangeRecords() {}

  public static Mod mod(String keysJson, String oldValuesJson, String newValuesJson) {
    return new Mod(keysJson, oldValuesJson, newValuesJson);
  }

  private static ChangeStreamRecordMetadata metadata(Timestamp at) {
    return ChangeStreamRecordMetadata.newBuilder()
        .withPartitionToken("partition-token")
        .withRecordTimestamp(at)
        .withPartitionStartTimestamp(at)
        .withPartitionEndTimestamp(at)
        .withPartitionCreatedAt(at)
        .withPartitionScheduledAt(at)
        .withPartitionRunningAt(at)
        .withQueryStartedAt(at)
        .withRecordStreamStartedAt(at)
        .withRecordStreamEndedAt(at)
        .withRecordReadAt(at)
        .build();
  }

  public static DataChangeRecord record(
      Timestamp commit,
      String serverTransactionId,
      String recordSequence,
      String table,
      ModType modType,
      String transactionTag,
      long recordsInTransaction,
      Mod... mods) {
    return new DataChangeRecord(
        "partition-token",
        commit,
        serverTransactionId,
        true,
        recordSequence,
        table,
        List.of(),
        List.of(mods),
        modType,
        ValueCaptureType.NEW_ROW,
        recordsInTransaction,
        1,
        transactionTag,
        false,
        metadata(commit));
  }
}
