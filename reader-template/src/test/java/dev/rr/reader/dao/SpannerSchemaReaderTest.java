package dev.rr.reader.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rr.common.schema.SpannerType;
import org.junit.jupiter.api.Test;

class SpannerSchemaReaderTest {

  @Test
  void shouldParseInformationSchemaTypes() {
    assertEquals(SpannerType.of("INT64"), SpannerSchemaReader.parseType("INT64"));
    assertEquals(SpannerType.of("STRING"), SpannerSchemaReader.parseType("STRING(MAX)"));
    assertEquals(SpannerType.of("BYTES"), SpannerSchemaReader.parseType("BYTES(16)"));
    assertEquals(SpannerType.arrayOf("STRING"), SpannerSchemaReader.parseType("ARRAY<STRING(10)>"));
    assertEquals(SpannerType.arrayOf("NUMERIC"), SpannerSchemaReader.parseType("ARRAY<NUMERIC>"));
    assertEquals(SpannerType.of("JSON"), SpannerSchemaReader.parseType("JSON"));
  }
}
