package dev.rr.common.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import dev.rr.common.mysql.ConversionException;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SpannerType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresValueConverterTest {
  private static final PostgresValueConverter UTC = new PostgresValueConverter(ZoneOffset.UTC);

  private static Object convert(String spannerType, String postgresType, String json) {
    return UTC.convert("t", column(spannerType, postgresType), JsonParser.parseString(json));
  }

  private static ColumnMapping column(String spannerType, String postgresType) {
    return new ColumnMapping("c", SpannerType.of(spannerType), "c", PostgresCatalog.parseType(postgresType));
  }

  @Test
  void shouldConvertScalarsToTheirJdbcValues() {
    assertEquals(32767L, convert("INT64", "smallint", "\"32767\""));
    assertEquals(-2147483648L, convert("INT64", "integer", "\"-2147483648\""));
    assertEquals(Long.MAX_VALUE, convert("INT64", "bigint", "\"9223372036854775807\""));
    assertEquals(new BigDecimal("12345678.90"), convert("NUMERIC", "numeric(10,2)", "\"12345678.90\""));
    assertEquals(new BigDecimal("1e40"), convert("NUMERIC", "numeric", "\"1e40\""));
    assertEquals(true, convert("BOOL", "boolean", "true"));
    assertEquals("héllo", convert("STRING", "character varying(5)", "\"héllo\""));
    assertEquals("{\"a\": [1, 2]}", convert("JSON", "jsonb", "\"{\\\"a\\\": [1, 2]}\""));
    assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        convert("STRING", "uuid", "\"123e4567-e89b-12d3-a456-426614174000\""));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) convert("BYTES", "bytea", "\"AQID\""));
    assertEquals(LocalDate.of(1, 1, 1), convert("DATE", "date", "\"0001-01-01\""));
    assertEquals(LocalTime.of(23, 59, 59, 123456000), convert("STRING", "time without time zone", "\"23:59:59.1234567\""));
  }

  @Test
  void shouldKeepNanAndInfinitiesForFloatingColumns() {
    assertTrue(Double.isNaN((Double) convert("FLOAT64", "double precision", "\"NaN\"")));
    assertEquals(Double.POSITIVE_INFINITY, convert("FLOAT64", "real", "\"Infinity\""));
    assertEquals(Double.NEGATIVE_INFINITY, convert("FLOAT64", "double precision", "\"-Infinity\""));
    assertEquals(1.5e300, convert("FLOAT64", "double precision", "1.5e300"));
  }

  @Test
  void shouldWriteTimestampsInUtcOrAtTheSourceOffsetTruncatedToTheColumnDigits() {
    String instant = "\"2024-02-29T23:59:59.9999999Z\"";
    assertEquals(OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 999999000, ZoneOffset.UTC),
        convert("TIMESTAMP", "timestamp with time zone", instant));
    assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999000000),
        convert("TIMESTAMP", "timestamp(3) without time zone", instant));
    PostgresValueConverter plusTwo = new PostgresValueConverter(ZoneOffset.ofHours(2));
    assertEquals(LocalDateTime.of(2024, 3, 1, 1, 59, 59, 999999000), plusTwo.convert("t",
        column("TIMESTAMP", "timestamp without time zone"), JsonParser.parseString(instant)));
  }

  @Test
  void shouldBindSqlNullForJsonNull() {
    assertNull(UTC.convert("t", column("INT64", "integer"), JsonNull.INSTANCE));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INT64   | smallint             | \"32768\"                 | out of range",
      "INT64   | integer              | \"2147483648\"            | out of range",
      "NUMERIC | numeric(5,2)         | \"1.234\"                 | fractional digits",
      "NUMERIC | numeric(5,2)         | \"1234.5\"                | integer digits",
      "FLOAT64 | real                 | 1e39                      | out of range for real",
      "STRING  | character varying(3) | \"abcd\"                  | longer than 3",
      "STRING  | character(2)         | \"abc\"                   | longer than 2",
      "STRING  | text                 | \"a\\u0000b\"             | U+0000",
      "STRING  | uuid                 | \"not-a-uuid\"            | UUID",
      "INT64   | interval             | \"1\"                     | cannot write PostgreSQL type",
      "INT64   | date                 | \"1\"                     | not",
  })
  void shouldRefuseValuesThePostgresColumnCannotHoldBeforeSending(
      String spannerType, String postgresType, String json, String reason) {
    ConversionException e = assertThrows(ConversionException.class, () -> convert(spannerType, postgresType, json));
    assertTrue(e.getMessage().toLowerCase().contains(reason.toLowerCase()), e.getMessage());
    assertTrue(e.getMessage().contains("to shard column t.c of type "), e.getMessage());
  }

  @Test
  void shouldParseFormatTypeTextIntoNameAndModifiers() {
    assertEquals("timestamp with time zone", PostgresCatalog.parseType("timestamp(3) with time zone").name());
    assertEquals(3L, PostgresCatalog.parseType("timestamp(3) with time zone").mods().get(0));
    assertEquals("numeric(10,2)", PostgresCatalog.parseType("numeric(10,2)").toString());
    assertEquals("character varying", PostgresCatalog.parseType("character varying(20)").name());
    assertEquals("double precision", PostgresCatalog.parseType("double precision").name());
  }
}
