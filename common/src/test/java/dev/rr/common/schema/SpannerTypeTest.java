package dev.rr.common.schema;

import static dev.rr.common.schema.SpannerType.fromInformationSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpannerTypeTest {

  @Test
  void shouldReadGoogleSqlInformationSchemaTypes() {
    assertEquals(SpannerType.of("STRING"), fromInformationSchema("STRING(MAX)"));
    assertEquals(SpannerType.of("BYTES"), fromInformationSchema("BYTES(1024)"));
    assertEquals(SpannerType.of("INT64"), fromInformationSchema("INT64"));
    assertEquals(SpannerType.of("NUMERIC"), fromInformationSchema("NUMERIC"));
    assertEquals(SpannerType.of("JSON"), fromInformationSchema("JSON"));
    assertEquals(SpannerType.of("BOOL"), fromInformationSchema("BOOL"));
    assertEquals(SpannerType.arrayOf("STRING"), fromInformationSchema("ARRAY<STRING(20)>"));
    assertEquals(SpannerType.arrayOf("FLOAT32"), fromInformationSchema("ARRAY<FLOAT32>"));
    assertEquals(SpannerType.arrayOf("NUMERIC"), fromInformationSchema("ARRAY<NUMERIC>"));
  }

  @Test
  void shouldGivePostgreSqlInformationSchemaTypesTheirSpannerNames() {
    assertEquals(SpannerType.of("INT64"), fromInformationSchema("bigint"));
    assertEquals(SpannerType.of("STRING"), fromInformationSchema("character varying(256)"));
    assertEquals(SpannerType.of("STRING"), fromInformationSchema("character varying"));
    assertEquals(SpannerType.of("STRING"), fromInformationSchema("text"));
    assertEquals(SpannerType.of("TIMESTAMP"), fromInformationSchema("timestamp with time zone"));
    assertEquals(SpannerType.of("TIMESTAMP"), fromInformationSchema("spanner.commit_timestamp"));
    assertEquals(SpannerType.of("FLOAT64"), fromInformationSchema("double precision"));
    assertEquals(SpannerType.of("FLOAT32"), fromInformationSchema("real"));
    assertEquals(SpannerType.of("BOOL"), fromInformationSchema("boolean"));
    assertEquals(SpannerType.of("BYTES"), fromInformationSchema("bytea"));
    assertEquals(SpannerType.of("DATE"), fromInformationSchema("date"));
    assertEquals(SpannerType.of("JSON"), fromInformationSchema("jsonb"));
    assertEquals(SpannerType.of("NUMERIC"), fromInformationSchema("numeric"));
    assertEquals(SpannerType.arrayOf("INT64"), fromInformationSchema("bigint[]"));
    assertEquals(SpannerType.arrayOf("STRING"), fromInformationSchema("character varying(10)[]"));
    assertEquals(SpannerType.arrayOf("BYTES"), fromInformationSchema("bytea[]"));
    assertEquals(SpannerType.arrayOf("JSON"), fromInformationSchema("jsonb[]"));
  }
}
