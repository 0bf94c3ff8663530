package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spanner timestamps reach a temporal column truncated to the column's fractional digits, which
 * the writer reads from the live column: the session file (like the migration tool's) says only
 * {@code datetime}. A server never rounds (MySQL 8 would move {@code 23:59:59.654321} into the
 * next day in a plain {@code datetime}), and a key written earlier is found again by a delete
 * (MariaDB compares the stored {@code 23:59:59} with a 6-digit parameter and misses the row).
 */
class TemporalPrecisionIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-12-31T23:59:50Z");
  private static final TimeWindow WINDOW = new TimeWindow(START, START.plusSeconds(20));
  private static final String LAST_INSTANT_OF_YEAR = "2024-12-31T23:59:59.654321Z";

  @TempDir Path bufferDirectory;

  private static SchemaMapping events(String sessionType) {
    return IdentitySchemaMapping.builder()
        .spannerColumn("events", "at", SpannerType.of("TIMESTAMP"))
        .spannerColumn("events", "seen", SpannerType.of("TIMESTAMP"))
        .sourceColumn("events", "at", SourceType.of(sessionType))
        .sourceColumn("events", "seen", SourceType.of(sessionType))
        .sourcePrimaryKey("events", List.of("at"))
        .build();
  }

  private static ChangeRecord change(int i, ModType type, String at, String newValues) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(START.getEpochSecond() + i, 0))
        .serverTransactionId("tx" + i).recordSequence("00000000").tableName("events")
        .modType(type).keysJson("{\"at\":\"" + at + "\"}").newValuesJson(newValues)
        .numberOfRecordsInTransaction(1).shard("s1").build();
  }

  @ParameterizedTest(name = "{0} column, session type {1}")
  @CsvSource({
      "DATETIME, datetime, 2024-12-31 23:59:59",
      "DATETIME(3), datetime, 2024-12-31 23:59:59.654",
      "TIMESTAMP NULL, timestamp, 2024-12-31 23:59:59"})
  void shouldTruncateToTheLiveColumnsDigitsAndFindTheKeyAgain(
      String columnType, String sessionType, String stored) throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, "CREATE TABLE events (at " + columnType.replace(" NULL", "")
          + " NOT NULL PRIMARY KEY, seen " + columnType + ")");
    }
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    buffer.write("s1", WINDOW, List.of(
        change(1, ModType.INSERT, LAST_INSTANT_OF_YEAR,
            "{\"seen\":\"" + LAST_INSTANT_OF_YEAR + "\"}"),
        change(2, ModType.INSERT, "2024-12-31T23:59:58.999999Z",
            "{\"seen\":\"" + LAST_INSTANT_OF_YEAR + "\"}"),
        change(3, ModType.DELETE, "2024-12-31T23:59:58.999999Z", "{}")));
    // One MySQL transaction per Spanner transaction: the delete must find the inserted row.
    WorkerHarness harness = new WorkerHarness(buffer, events(sessionType)).start(START)
        .window(WINDOW.duration())
        .batchSize(1).end(WINDOW.end().minusMillis(1));
    harness.readerProgress.set("s1", WINDOW.end());

    assertEquals(ShardWorker.Outcome.DONE, WorkerHarness.runToEnd(
        harness.worker("s1", database::connect), Duration.ofSeconds(30)));

    assertEquals(List.of(stored + " / " + stored), rows(database),
        "the deleted row is gone, the other is truncated, not rounded into 2025");
  }

  private static List<String> rows(MySqlTestDatabase database) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT CAST(at AS CHAR), CAST(seen AS CHAR) FROM events ORDER BY at")) {
      while (result.next()) {
        rows.add(result.getString(1) + " / " + result.getString(2));
      }
    }
    return rows;
  }
}
