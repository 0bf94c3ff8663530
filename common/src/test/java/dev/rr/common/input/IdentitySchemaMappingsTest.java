package dev.rr.common.input;

import static dev.rr.common.input.IdentitySchemaMappings.parseSpannerType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rr.common.schema.SpannerType;
import org.junit.jupiter.api.Test;

class IdentitySchemaMappingsTest {

  @Test
  void shouldReadGoogleSqlSpannerTypes() {
    assertEquals(SpannerType.of("STRING"), parseSpannerType("STRING(MAX)"));
    assertEquals(SpannerType.of("BYTES"), parseSpannerType("BYTES(1024)"));
    assertEquals(SpannerType.of("INT64"), parseSpannerType("INT64"));
    assertEquals(SpannerType.of("NUMERIC"), parseSpannerType("NUMERIC"));
    assertEquals(SpannerType.arrayOf("STRING"), parseSpannerType("ARRAY<STRING(20)>"));
    assertEquals(SpannerType.arrayOf("FLOAT32"), parseSpannerType("ARRAY<FLOAT32>"));
  }

  @Test
  void shouldReadPostgreSqlSpannerTypes() {
    assertEquals(SpannerType.of("INT64"), parseSpannerType("bigint"));
    assertEquals(SpannerType.of("STRING"), parseSpannerType("character varying(256)"));
    assertEquals(SpannerType.of("STRING"), parseSpannerType("character varying"));
    assertEquals(SpannerType.of("TIMESTAMP"), parseSpannerType("timestamp with time zone"));
    assertEquals(SpannerType.of("FLOAT64"), parseSpannerType("double precision"));
    assertEquals(SpannerType.of("JSON"), parseSpannerType("jsonb"));
    assertEquals(SpannerType.of("NUMERIC"), parseSpannerType("numeric"));
    assertEquals(SpannerType.arrayOf("INT64"), parseSpannerType("bigint[]"));
    assertEquals(SpannerType.arrayOf("BYTES"), parseSpannerType("bytea[]"));
  }
}
