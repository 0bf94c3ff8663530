package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.gson.JsonParser;
import dev.rr.common.routing.SpannerJsonValues;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeStreamJsonTest {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("b", "BOOL"), Map.entry("i", "INT64"), Map.entry("f", "FLOAT64"),
      Map.entry("g", "FLOAT32"), Map.entry("n", "NUMERIC"), Map.entry("s", "STRING"),
      Map.entry("j", "JSON"), Map.entry("y", "BYTES"), Map.entry("d", "DATE"),
      Map.entry("t", "TIMESTAMP"), Map.entry("a", "ARRAY<INT64>"), Map.entry("z", "STRING"),
      Map.entry("nan", "FLOAT64"));

  private static TableMapping table() {
    List<ColumnMapping> columns = new ArrayList<>();
    TYPES.forEach((name, type) -> columns.add(new ColumnMapping(name, type.startsWith("ARRAY")
        ? SpannerType.arrayOf("INT64") : SpannerType.of(type), null, null)));
    return new TableMapping("T", "t", columns, List.of(), null);
  }

  @Test
  void shouldWriteEveryTypeAsTheStreamDoesSoThatItReadsBackToTheSameValues() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("b", true);
    row.put("i", 9_007_199_254_740_993L);
    row.put("f", 1.5);
    row.put("g", 2.25f);
    row.put("n", new BigDecimal("123456789012345678901234567.123456789"));
    row.put("s", "Zo\u00eb");
    row.put("j", "{\"k\":[1,2]}");
    row.put("y", ByteArray.copyFrom(new byte[] {0, 1, (byte) 0xff}));
    row.put("d", Date.fromYearMonthDay(2024, 2, 29));
    row.put("t", Timestamp.ofTimeSecondsAndNanos(1_700_000_000L, 123_456_000));
    row.put("a", Arrays.asList(1L, null, 3L));
    row.put("z", null);
    row.put("nan", Double.NaN);

    String json = ChangeStreamJson.encode(row, Set.of());

    assertEquals(row, SpannerJsonValues.toRow(table(), json));
    assertEquals(JsonParser.parseString("{\"b\":true,\"i\":\"9007199254740993\",\"f\":1.5,"
        + "\"g\":2.25,\"n\":\"123456789012345678901234567.123456789\",\"s\":\"Zo\u00eb\","
        + "\"j\":\"{\\\"k\\\":[1,2]}\",\"y\":\"AAH/\",\"d\":\"2024-02-29\","
        + "\"t\":\"2023-11-14T22:13:20.123456000Z\",\"a\":[\"1\",null,\"3\"],\"z\":null,"
        + "\"nan\":\"NaN\"}"), JsonParser.parseString(json));
  }

  @Test
  void shouldLeaveOutTheNamedColumnsAndLayOneObjectOverAnother() {
    Map<String, Object> row = new LinkedHashMap<>(Map.of("id", 1L, "shard", "a"));

    assertEquals("{\"shard\":\"a\"}", ChangeStreamJson.encode(row, Set.of("id")));
    assertEquals(JsonParser.parseString("{\"shard\":\"a\",\"amount\":\"5\"}"), JsonParser.parseString(
        ChangeStreamJson.overlay("{\"shard\":\"b\",\"amount\":\"5\"}", "{\"shard\":\"a\"}")));
  }
}
