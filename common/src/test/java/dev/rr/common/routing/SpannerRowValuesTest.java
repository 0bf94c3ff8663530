package dev.rr.common.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.spanner.Struct;
import com.google.cloud.spanner.Value;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpannerRowValuesTest {

  private static List<String> columns(String... columns) {
    return List.of(columns);
  }

  @Test
  void shouldReadPostgresNumericAndJsonbLikeTheirGoogleSqlCounterparts() {
    List<String> columns = columns("n", "j", "ns", "js");
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
    assertEquals(expected, SpannerRowValues.of(columns, google));
    assertEquals(expected, SpannerRowValues.of(columns, postgres));
  }

  @Test
  void shouldReadAPostgresNumericNaNAsTheStreamsJsonDoes() {
    Struct row = Struct.newBuilder()
        .set("n").to(Value.pgNumeric("NaN"))
        .set("ns").to(Value.pgNumericArray(List.of("NaN", "2")))
        .build();

    Map<String, Object> values = SpannerRowValues.of(columns("n", "ns"), row);

    assertEquals(Double.NaN, values.get("n"));
    assertEquals(Arrays.asList(Double.NaN, new BigDecimal("2")), values.get("ns"));
  }
}
