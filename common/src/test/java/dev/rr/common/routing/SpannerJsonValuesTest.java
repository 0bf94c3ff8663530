package dev.rr.common.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.input.SessionFile;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpannerJsonValuesTest {
  private static final TableMapping SINGERS = new TableMapping("Singers", "singers", List.of(
      column("id", SpannerType.of("INT64")),
      column("name", SpannerType.of("STRING")),
      column("shard", SpannerType.of("STRING")),
      column("tags", SpannerType.arrayOf("INT64"))), List.of("id"), "shard");

  private static ColumnMapping column(String name, SpannerType type) {
    return new ColumnMapping(name, type, name, SourceType.of("varchar"));
  }

  private static Object value(String type, String json) {
    return SpannerJsonValues.toJava("T", "c", SpannerType.of(type), JsonParser.parseString(json));
  }

  static String resource(String name) {
    try (InputStream in = SpannerJsonValuesTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldReadEveryScalarTypeInChangeStreamEncoding() {
    assertEquals(Boolean.TRUE, value("BOOL", "true"));
    assertEquals(9007199254740993L, value("INT64", "\"9007199254740993\""));
    assertEquals(42L, value("INT64", "42"));
    assertEquals(123456.123, value("FLOAT64", "123456.123"));
    assertEquals(1.5f, value("FLOAT32", "1.5"));
    assertEquals(new BigDecimal("99999.99"), value("NUMERIC", "\"99999.99\""));
    assertEquals("héllo", value("STRING", "\"héllo\""));
    assertEquals("{\"a\":[1,2]}", value("JSON", "\"{\\\"a\\\":[1,2]}\""));
    assertEquals(ByteArray.copyFrom("bin_column"), value("BYTES", "\"YmluX2NvbHVtbg==\""));
    assertEquals(Date.fromYearMonthDay(2024, 1, 1), value("DATE", "\"2024-01-01\""));
    assertEquals(Timestamp.parseTimestamp("2024-01-01T12:34:56.123456789Z"),
        value("TIMESTAMP", "\"2024-01-01T12:34:56.123456789Z\""));
    assertEquals(Timestamp.parseTimestamp("2024-01-01T10:34:56Z"),
        value("TIMESTAMP", "\"2024-01-01T12:34:56+02:00\""));
  }

  @Test
  void shouldReadSpecialFloatsWrittenAsStrings() {
    assertTrue(((Double) value("FLOAT64", "\"NaN\"")).isNaN());
    assertEquals(Double.NEGATIVE_INFINITY, value("FLOAT64", "\"-Infinity\""));
    assertEquals(Float.POSITIVE_INFINITY, value("FLOAT32", "\"Infinity\""));
  }

  @Test
  void shouldReadAPostgresNumericNaNAsADoubleNaNSoThatItsRowStillRoutes() {
    // PostgreSQL-dialect numeric holds NaN, which no BigDecimal can.
    assertTrue(((Double) value("NUMERIC", "\"NaN\"")).isNaN());
    TableMapping prices = new TableMapping("prices", "prices", List.of(
        column("id", SpannerType.of("INT64")),
        column("shard", SpannerType.of("STRING")),
        column("price", SpannerType.of("NUMERIC"))), List.of("id"), "shard");
    ChangeRecord record = ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1, 0))
        .serverTransactionId("t")
        .recordSequence("0")
        .tableName("prices")
        .modType(ModType.INSERT)
        .keysJson("{\"id\":\"1\"}")
        .newValuesJson("{\"shard\":\"s1\",\"price\":\"NaN\"}")
        .build();

    assertEquals("s1", SpannerJsonValues.rowOf(record, prices).get("shard"));
  }

  @Test
  void shouldReadNullAndArraysWithNullElements() {
    assertNull(value("STRING", "null"));
    Object array = SpannerJsonValues.toJava("T", "c", SpannerType.arrayOf("INT64"),
        JsonParser.parseString("[\"1\", null, \"3\"]"));
    assertEquals(Arrays.asList(1L, null, 3L), array);
    assertEquals(List.of(Date.fromYearMonthDay(2020, 2, 29)),
        SpannerJsonValues.toJava("T", "c", SpannerType.arrayOf("DATE"),
            JsonParser.parseString("[\"2020-02-29\"]")));
  }

  @Test
  void shouldNameTableColumnTypeAndValueWhenAValueDoesNotFit() {
    SpannerValueException e = assertThrows(SpannerValueException.class,
        () -> SpannerJsonValues.toJava("Orders", "amount", SpannerType.of("INT64"),
            JsonParser.parseString("\"12abc\"")));

    assertEquals("Orders", e.table());
    assertEquals("amount", e.column());
    assertTrue(e.getMessage().contains("table Orders, column amount (INT64)"), e.getMessage());
    assertTrue(e.getMessage().contains("\"12abc\""), e.getMessage());
  }

  @Test
  void shouldRejectValuesOfTheWrongShape() {
    for (String[] bad : new String[][] {
        {"BOOL", "\"yes\""}, {"INT64", "\"1.5\""}, {"INT64", "true"}, {"FLOAT64", "\"1f\""},
        {"NUMERIC", "\"1,5\""}, {"STRING", "12"}, {"BYTES", "\"not base64!\""},
        {"DATE", "\"2024-13-45\""}, {"TIMESTAMP", "\"yesterday\""}, {"INT64", "[1]"},
        {"PROTO", "\"x\""}}) {
      assertThrows(SpannerValueException.class, () -> value(bad[0], bad[1]),
          bad[0] + " " + bad[1]);
    }
    assertThrows(SpannerValueException.class, () -> SpannerJsonValues.toJava("T", "c",
        SpannerType.arrayOf("INT64"), JsonParser.parseString("\"1\"")));
  }

  @Test
  void shouldBuildRowFromKeysAndNewValuesSkippingUnknownColumns() {
    ChangeRecord insert = record(ModType.INSERT, "{}",
        "{\"name\":\"Ann\",\"shard\":\"ls2\",\"tags\":[\"7\"],\"addedLater\":1}");

    Map<String, Object> row = SpannerJsonValues.rowOf(insert, SINGERS);

    assertEquals(Map.of("id", 1L, "name", "Ann", "shard", "ls2", "tags", List.of(7L)), row);
  }

  @Test
  void shouldUseOldValuesForDeleteWhenCaptured() {
    ChangeRecord delete = record(ModType.DELETE, "{\"name\":\"Ann\",\"shard\":\"ls3\"}", "{}");

    assertEquals("ls3", SpannerJsonValues.rowOf(delete, SINGERS).get("shard"));
  }

  @Test
  void shouldGiveOnlyKeysForDeleteWithoutRowImage() {
    ChangeRecord delete = record(ModType.DELETE, "{}", "{}");

    assertEquals(Map.of("id", 1L), SpannerJsonValues.rowOf(delete, SINGERS));
  }

  @Test
  void shouldFillUpdateFromOldValuesWhereNewValuesLackColumns() {
    ChangeRecord update =
        record(ModType.UPDATE, "{\"name\":\"Ann\",\"shard\":\"ls1\"}", "{\"name\":\"Bo\"}");

    Map<String, Object> row = SpannerJsonValues.rowOf(update, SINGERS);

    assertEquals("Bo", row.get("name"));
    assertEquals("ls1", row.get("shard"));
  }

  @Test
  void shouldKeepNullValuesInTheRow() {
    Map<String, Object> row =
        SpannerJsonValues.rowOf(record(ModType.INSERT, "{}", "{\"shard\":null}"), SINGERS);

    assertTrue(row.containsKey("shard"));
    assertNull(row.get("shard"));
  }

  @Test
  void shouldRejectRowThatIsNotAnObject() {
    SpannerValueException e = assertThrows(SpannerValueException.class,
        () -> SpannerJsonValues.toRow(SINGERS, "[1,2]"));

    assertTrue(e.getMessage().contains("Singers"), e.getMessage());
  }

  @Test
  void shouldReadEveryColumnOfTheBufferSampleRecords() {
    TableMapping table = SessionFile.parse("session.json",
        resource("fixtures/buffer-sample/session.json"))
        .forSpannerTable("AllDatatypeTransformation").orElseThrow();
    String line = resource("fixtures/buffer-sample/events.txt").lines()
        .filter(l -> l.contains("example2") && l.contains("\"modType\":\"INSERT\"")).findFirst()
        .orElseThrow();
    JsonObject mod = JsonParser.parseString(line).getAsJsonObject()
        .getAsJsonArray("mods").get(0).getAsJsonObject();
    ChangeRecord insert = ChangeRecord.builder().commitTimestamp(Timestamp.ofTimeMicroseconds(1))
        .serverTransactionId("tx").tableName("AllDatatypeTransformation")
        .modType(ModType.INSERT).keysJson(string(mod, "keysJson"))
        .newValuesJson(string(mod, "newValuesJson")).build();

    Map<String, Object> row = SpannerJsonValues.rowOf(insert, table);

    assertEquals(18, row.size());
    assertEquals("example2", row.get("varchar_column"));
    assertEquals(2L, row.get("tinyint_column"));
    assertEquals(1000L, row.get("bigint_column"));
    assertEquals(12345.67, row.get("float_column"));
    assertEquals(new BigDecimal("99999.99"), row.get("decimal_column"));
    assertEquals(Timestamp.parseTimestamp("2024-01-01T12:34:56Z"), row.get("datetime_column"));
    assertEquals(Date.fromYearMonthDay(2024, 1, 1), row.get("date_column"));
    assertEquals(ByteArray.copyFrom("bin_column"), row.get("binary_column"));
    assertEquals(ByteArray.copyFrom("1"), row.get("bit_column"));
    assertEquals(Boolean.TRUE, row.get("bool_column"));
    assertEquals("14:30:00", row.get("time_column"));
  }

  private static String string(JsonObject object, String field) {
    JsonElement value = object.get(field);
    return value.getAsString();
  }

  static ChangeRecord record(ModType type, String oldValues, String newValues) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1719846465, 0))
        .serverTransactionId("tx1")
        .tableName("Singers")
        .modType(type)
        .keysJson("{\"id\":\"1\"}")
        .oldValuesJson(oldValues)
        .newValuesJson(newValues)
        .build();
  }
}
