package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.BufferFileReader;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.writer.custom.CustomTransformation;
import dev.rr.writer.custom.TransformationRequest;
import dev.rr.writer.custom.TransformationResponse;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Records that are not written are counted and kept, never dropped silently. */
class SkippedRecordsIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-08-01T00:00:00Z");

  @TempDir Path bufferDirectory;

  /** Filters every event of account 3, writes account 4 with balance 999. */
  static final class HideThreeFixFour implements CustomTransformation {
    @Override
    public void init(String parameters) {}

    @Override
    public TransformationResponse toSourceRow(TransformationRequest request) {
      Object id = request.row().get("id");
      if (Long.valueOf(3).equals(id)) {
        return TransformationResponse.filter();
      }
      if (Long.valueOf(4).equals(id) && request.eventType() != ModType.DELETE) {
        return TransformationResponse.withValues(Map.of("balance", 999L));
      }
      return TransformationResponse.unchanged();
    }
  }

  private static ChangeRecord change(int i, String table, long id, long balance) {
    Instant at = START.plusSeconds(i);
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), 0))
        .serverTransactionId("tx" + i).tableName(table).modType(ModType.INSERT)
        .keysJson("{\"id\":\"" + id + "\"}").newValuesJson("{\"balance\":\"" + balance + "\"}")
        .build();
  }

  private static List<ChangeRecord> files(Path directory) throws Exception {
    List<ChangeRecord> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        records.addAll(BufferFileReader.readAll(
            org.apache.beam.sdk.io.FileSystems.matchNewResource(file.toString(), false)));
      }
    }
    return records;
  }

  @Test
  void shouldKeepFilteredAndUnmappedRecordsAndWriteTheTransformedOnes() throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection,
          "CREATE TABLE accounts (id BIGINT NOT NULL PRIMARY KEY, balance BIGINT)");
    }
    List<ChangeRecord> records = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      records.add(change(i, "accounts", i, 10 * i));
    }
    records.add(change(6, "ghosts", 1, 1));
    TimeWindow window = new TimeWindow(START, START.plusSeconds(10));
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    buffer.write("s1", window, records);
    WorkerHarness harness = new WorkerHarness(buffer, IdentitySchemaMapping.builder()
            .spannerColumn("accounts", "id", SpannerType.of("INT64"))
            .spannerColumn("accounts", "balance", SpannerType.of("INT64"))
            .sourceColumn("accounts", "id", SourceType.of("bigint"))
            .sourceColumn("accounts", "balance", SourceType.of("bigint"))
            .sourcePrimaryKey("accounts", List.of("id"))
            .build())
        .start(START).end(window.end().minusMillis(1)).transformation(new HideThreeFixFour());
    harness.readerProgress.set("s1", window.end());

    ShardWorker worker = harness.worker("s1", database::connect);

    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(worker, Duration.ofMinutes(1)));
    Map<Long, Long> balances = new TreeMap<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, balance FROM accounts")) {
      while (rows.next()) {
        balances.put(rows.getLong(1), rows.getLong(2));
      }
    }
    assertEquals(Map.of(0L, 0L, 1L, 10L, 2L, 20L, 4L, 999L, 5L, 50L), balances);
    assertEquals(List.of(records.get(3)),
        files(bufferDirectory.resolve("_filtered").resolve("s1")));
    assertEquals(List.of(records.get(6)),
        files(bufferDirectory.resolve("_unmapped").resolve("s1")));
    assertEquals(2, harness.metrics.recordsSkipped.get());
    assertEquals(5, harness.progress.row("s1").recordsApplied());
  }
}
