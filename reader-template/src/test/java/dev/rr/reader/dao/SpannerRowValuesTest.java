package dev.rr.reader.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Value;
import dev.rr.common.schema.SpannerType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpannerRowValuesTest {

  private static SpannerTableSchema schema(String... columns) {
    Map<String, SpannerType> types = new LinkedHashMap<>();
    for (String column : columns) {
      // Reading goes by the result's types; the schema gives names and order.
      types.put(column, SpannerType.of("STRING"));
    }
    return new SpannerTableSchema("t", types, List.of(columns[0]));
  }

  @Test
  void shouldReadPostgresNumericAndJsonbLikeTheirGoogleSqlCounterparts() {
    SpannerTableSchema schema = schema("n", "j", "ns", "js");
    Struct google = Struct.newBuilder()
        .set("n").to(Value.numeric(new BigDecimal("12.50")))
        .set("j").to(Value.json("{\"a\":1}"))
        .set("ns").to(Value.numericArray(Arrays.asList(new BigDecimal("1.5"), null)))
        .set("js").to(Value.jsonArray(List.of("{\"b\":2}")))
        .build();
    Struct postgres = Struct.newBuilder()
        .set("n").to(Value.pgNumeric("12.50"))
        .set("j").to(Value.pgJsonb("{\"a\":1}"))
        .set("ns").to(Value.pgNumericArray(Arrays.asList("1.5", null)))
        .set("js").to(Value.pgJsonbArray(List.of("{\"b\":2}")))
        .build();

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("n", new BigDecimal("12.50"));
    expected.put("j", "{\"a\":1}");
    expected.put("ns", Arrays.asList(new BigDecimal("1.5"), null));
    expected.put("js", List.of("{\"b\":2}"));
    assertEquals(expected, SpannerRowValues.of(schema, google));
    assertEquals(expected, SpannerRowValues.of(schema, postgres));
  }

  @Test
  void shouldReadAPostgresNumericNaNAsTheStreamsJsonDoes() {
    Struct row = Struct.newBuilder()
        .set("n").to(Value.pgNumeric("NaN"))
        .set("ns").to(Value.pgNumericArray(List.of("NaN", "2")))
        .build();

    Map<String, Object> values = SpannerRowValues.of(schema("n", "ns"), row);

    assertEquals(Double.NaN, values.get("n"));
    assertEquals(Arrays.asList(Double.NaN, new BigDecimal("2")), values.get("ns"));
  }
}
