package dev.rr.common.buffer;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

/** Record factories and fixture locations shared by the buffer tests. */
final class TestRecords {
  static final String FIXTURE = "/fixtures/buffer-sample/events.txt";

  private TestRecords() {}

  static Path fixture() throws IOException {
    try {
      return Paths.get(TestRecords.class.getResource(FIXTURE).toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  static ChangeRecord record(long seconds, int nanos, String transactionId, int modIndex) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(seconds, nanos))
        .serverTransactionId(transactionId)
        .recordSequence("00000000")
        .modIndex(modIndex)
        .tableName("Users")
        .modType(ModType.UPDATE)
        .keysJson("{\"id\":\"" + seconds + "-" + modIndex + "\"}")
        .newValuesJson("{\"name\":\"n" + nanos + "\"}")
        .numberOfRecordsInTransaction(3)
        .transactionTag("")
        .shard("ls1")
        .build();
  }

  /** A record with every field set to something non-default, including awkward characters. */
  static ChangeRecord rich() {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1719247984, 109263001))
        .serverTransactionId("NzkxOTE5OTY4NTQzNjMzODY3Mg==")
        .recordSequence("00000007")
        .modIndex(4)
        .tableName("Tä<b>le")
        .modType(ModType.DELETE)
        .keysJson("{\"id\":\"1\",\"k\":\"a=b&c'd\"}")
        .oldValuesJson("{\"blob\":\"YmluX2NvbHVtbg==\",\"txt\":\"line1\\nline2 \\u2028 😀 \\\"q\\\"\"}")
        .newValuesJson("{}")
        .numberOfRecordsInTransaction(12345678901L)
        .transactionTag("txBy=app;tag")
        .shard("shard/ä")
        .build();
  }

  /**
   * {@code count} records in a shuffled order with many equal timestamps and transaction ids, so
   * that every part of the ordering key matters.
   */
  static java.util.List<ChangeRecord> shuffled(int count, long seed) {
    Random random = new Random(seed);
    java.util.List<ChangeRecord> records = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(
          ChangeRecord.builder()
              .commitTimestamp(
                  Timestamp.ofTimeSecondsAndNanos(1_700_000_000L + random.nextInt(20),
                      random.nextInt(3) * 1000))
              .serverTransactionId("tx" + random.nextInt(5))
              .recordSequence(String.format("%08d", random.nextInt(4)))
              .modIndex(random.nextInt(4))
              .tableName("T")
              .modType(ModType.INSERT)
              .keysJson("{\"id\":\"" + i + "\"}")
              .shard(random.nextBoolean() ? "ls1" : null)
              .build());
    }
    return records;
  }
}
