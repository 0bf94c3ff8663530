package dev.rr.common.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.rr.common.mysql.ConversionException;
import dev.rr.common.mysql.SqlArray;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Spanner ARRAY values for PostgreSQL array columns, and STRING values for enum columns. */
class PostgresArraysTest {
  private static final PostgresValueConverter UTC = new PostgresValueConverter(ZoneOffset.UTC);
  private static final SourceType MOOD = SourceType.enumeration("mood", List.of("sad", "ok", "happy"));

  private static Object convert(String spannerElement, String postgresType, String json) {
    ColumnMapping column = new ColumnMapping("c", SpannerType.arrayOf(spannerElement), "c",
        PostgresCatalog.parseType(postgresType));
    return UTC.convert("t", column, JsonParser.parseString(json));
  }

  private static SqlArray array(String elementType, String... elements) {
    return new SqlArray(elementType, Arrays.asList(elements));
  }

  @Test
  void shouldConvertEachElementAsAScalarOfTheElementTypeInItsTextForm() {
    assertEquals(array("int4", "1", null, "-2147483648"),
        convert("INT64", "integer[]", "[\"1\", null, \"-2147483648\"]"));
    assertEquals(array("int8"), convert("INT64", "bigint[]", "[]"));
    assertEquals(array("numeric", "1.50", "-0.001"), convert("NUMERIC", "numeric(6,3)[]", "[\"1.50\", \"-0.001\"]"));
    assertEquals(array("float8", "NaN", "-Infinity", "0.5"),
        convert("FLOAT64", "double precision[]", "[\"NaN\", \"-Infinity\", 0.5]"));
    assertEquals(array("float4", "1.5"), convert("FLOAT32", "real[]", "[1.5]"));
    assertEquals(array("bool", "true", "false", null), convert("BOOL", "boolean[]", "[true, false, null]"));
    assertEquals(array("varchar", "a \"q\" \\ b", ""), convert("STRING", "character varying(10)[]", "[\"a \\\"q\\\" \\\\ b\", \"\"]"));
    assertEquals(array("bytea", "\\x00ff"), convert("BYTES", "bytea[]", "[\"AP8=\"]"));
    assertEquals(array("date", "2024-02-29"), convert("DATE", "date[]", "[\"2024-02-29\"]"));
    assertEquals(array("timestamptz", "2024-02-29 23:59:59.123456+00"),
        convert("TIMESTAMP", "timestamp with time zone[]", "[\"2024-02-29T23:59:59.1234567Z\"]"));
    assertEquals(array("timestamp", "2024-02-29 23:59:59.100000"),
        convert("TIMESTAMP", "timestamp(1) without time zone[]", "[\"2024-02-29T23:59:59.19Z\"]"));
    assertEquals(array("jsonb", "{\"a\": 1}", null), convert("JSON", "jsonb[]", "[\"{\\\"a\\\": 1}\", null]"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INT64   | smallint[]           | [\"1\", \"32768\"]       | element 2",
      "NUMERIC | numeric(3,1)[]       | [\"1.25\"]               | fractional digits",
      "FLOAT64 | real[]               | [1e39]                   | out of range for real",
      "STRING  | character varying(2)[] | [\"abc\"]              | longer than 2",
      "STRING  | text[]               | [\"a\\u0000\"]           | U+0000",
      "INT64   | bigint[]             | \"1\"                    | expected a JSON array",
      "TIMESTAMP | bigint[]           | [\"2024-01-01T00:00:00Z\"] | cannot be written to bigint elements",
  })
  void shouldRefuseAnArrayWithAnElementTheColumnCannotHoldBeforeSending(
      String spannerElement, String postgresType, String json, String reason) {
    ConversionException e = assertThrows(ConversionException.class, () -> convert(spannerElement, postgresType, json));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().contains("to shard column t.c of type "), e.getMessage());
  }

  @Test
  void shouldPairArraysOnlyWithArraysOfACompatibleElementType() {
    assertEquals(Optional.empty(), PostgresValueConverter.pairProblem(SpannerType.arrayOf("INT64"),
        PostgresCatalog.parseType("smallint[]")));
    assertEquals(Optional.empty(), PostgresValueConverter.pairProblem(SpannerType.arrayOf("PG_NUMERIC"),
        PostgresCatalog.parseType("numeric(10,2)[]")));
    assertTrue(PostgresValueConverter.pairProblem(SpannerType.of("INT64"),
        PostgresCatalog.parseType("bigint[]")).orElseThrow().contains("takes a Spanner ARRAY column only"));
    assertTrue(PostgresValueConverter.pairProblem(SpannerType.arrayOf("INT64"),
        PostgresCatalog.parseType("bigint")).orElseThrow().contains("array column only"));
    assertTrue(PostgresValueConverter.pairProblem(SpannerType.arrayOf("BOOL"),
        PostgresCatalog.parseType("date[]")).isPresent());
    assertTrue(PostgresValueConverter.pairProblem(SpannerType.of("INT64"), MOOD).isPresent());
    assertEquals(Optional.empty(), PostgresValueConverter.pairProblem(SpannerType.of("STRING"), MOOD));
  }

  @Test
  void shouldParseArrayTypesAsTheirElementTypeWithBrackets() {
    SourceType numeric = PostgresCatalog.parseType("numeric(10,2)[]");
    assertEquals(new SourceType("numeric[]", List.of(10L, 2L), false), numeric);
    assertEquals("timestamp with time zone[]", PostgresCatalog.parseType("timestamp(3) with time zone[]").name());
    assertEquals(new SourceType("character varying", List.of(5L), false),
        PostgresArrays.elementType(PostgresCatalog.parseType("character varying(5)[]")));
    assertTrue(PostgresValueConverter.supports(numeric));
    assertTrue(!PostgresValueConverter.supports(PostgresCatalog.parseType("interval[]")));
  }

  @Test
  void shouldWriteAnEnumLabelAndRefuseAnyOtherStringNamingTableColumnAndValue() {
    ColumnMapping column = new ColumnMapping("c", SpannerType.of("STRING"), "c", MOOD);
    assertEquals("happy", UTC.convert("t", column, JsonParser.parseString("\"happy\"")));
    assertTrue(PostgresValueConverter.supports(MOOD));
    ConversionException e = assertThrows(ConversionException.class,
        () -> UTC.convert("t", column, JsonParser.parseString("\"Happy\"")));
    assertTrue(e.getMessage().contains("\"Happy\""), e.getMessage());
    assertTrue(e.getMessage().contains("t.c"), e.getMessage());
    assertTrue(e.getMessage().contains("not a label of enum mood [sad, ok, happy]"), e.getMessage());
  }
}
