package dev.rr.common.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import dev.rr.common.schema.ColumnMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MySqlValueConverterTest {

  private static final MySqlValueConverter UTC = new MySqlValueConverter();
  private static final MySqlValueConverter IST = new MySqlValueConverter(ZoneOffset.of("+05:30"));

  /** Spanner type, MySQL type, change-stream JSON value, expected JDBC value. */
  static Stream<Arguments> convertible() {
    return Stream.of(
        // integers: range edges, unsigned, other Spanner types that hold exact integers
        ok("INT64", "int(10)", "\"100\"", 100L),
        ok("INT64", "tinyint", "\"-128\"", -128L),
        ok("INT64", "tinyint", "\"127\"", 127L),
        ok("INT64", "tinyint unsigned", "\"255\"", 255L),
        ok("INT64", "smallint", "\"-32768\"", -32768L),
        ok("INT64", "smallint unsigned", "\"65535\"", 65535L),
        ok("INT64", "mediumint", "\"8388607\"", 8388607L),
        ok("INT64", "mediumint unsigned", "\"16777215\"", 16777215L),
        ok("INT64", "int", "\"-2147483648\"", -2147483648L),
        ok("INT64", "integer unsigned", "\"4294967295\"", 4294967295L),
        ok("INT64", "bigint", "\"9223372036854775807\"", Long.MAX_VALUE),
        ok("INT64", "bigint", "\"-9223372036854775808\"", Long.MIN_VALUE),
        ok("NUMERIC", "bigint unsigned", "\"18446744073709551615\"",
            new BigInteger("18446744073709551615")),
        ok("INT64", "bigint", "1000", 1000L),
        ok("NUMERIC", "int", "\"12.000\"", 12L),
        ok("FLOAT64", "int", "3.0", 3L),
        ok("STRING", "int", "\" 42 \"", 42L),
        ok("BOOL", "tinyint(1)", "true", 1L),
        ok("BOOL", "tinyint(1)", "false", 0L),
        ok("BOOL", "bool", "true", 1L),
        ok("BOOL", "boolean", "false", 0L),
        // decimal
        ok("NUMERIC", "decimal(10,2)", "\"99999.99\"", new BigDecimal("99999.99")),
        ok("NUMERIC", "decimal(10,2)", "\"-99999999.99\"", new BigDecimal("-99999999.99")),
        ok("NUMERIC", "decimal(38,9)", "\"99999999999999999999999999999.999999999\"",
            new BigDecimal("99999999999999999999999999999.999999999")),
        ok("NUMERIC", "decimal(10,2)", "\"0.001\"", new BigDecimal("0.001")),
        ok("NUMERIC", "numeric", "\"123456789012345678901234567890\"",
            new BigDecimal("123456789012345678901234567890")),
        ok("INT64", "decimal(20,0)", "\"-9223372036854775808\"",
            new BigDecimal("-9223372036854775808")),
        ok("FLOAT64", "decimal(10,2)", "12345.67", new BigDecimal("12345.67")),
        ok("STRING", "decimal(5,1)", "\"1234.5\"", new BigDecimal("1234.5")),
        ok("BOOL", "decimal(1,0)", "true", BigDecimal.ONE),
        // float and double
        ok("FLOAT64", "double", "123456.123", 123456.123d),
        ok("FLOAT64", "double", "-1.7976931348623157E308", -Double.MAX_VALUE),
        ok("FLOAT64", "double", "4.9E-324", Double.MIN_VALUE),
        ok("FLOAT64", "double precision", "0", 0d),
        ok("FLOAT64", "real", "-0.5", -0.5d),
        ok("FLOAT32", "float", "12345.67", 12345.67d),
        ok("FLOAT64", "float(10,2)", "3.4028234663852886E38", 3.4028234663852886E38d),
        ok("INT64", "double", "\"7\"", 7d),
        ok("NUMERIC", "double", "\"1.5\"", 1.5d),
        ok("STRING", "double", "\"2.5e3\"", 2500d),
        // text family, enum, set
        ok("STRING", "varchar(20)", "\"example2\"", "example2"),
        ok("STRING", "text", "\"\"", ""),
        ok("STRING", "longtext", "\"emoji \\ud83d\\ude00 na\\u00efve \\u4e2d\\u6587\"",
            "emoji \uD83D\uDE00 na\u00efve \u4e2d\u6587"),
        ok("STRING", "char(20)", "\"O'Reilly \\\\ \\\"q\\\" `tick`\"", "O'Reilly \\ \"q\" `tick`"),
        ok("STRING", "mediumtext", "\"line1\\nline2\\ttab\\u0000nul\"", "line1\nline2\ttab\u0000nul"),
        ok("INT64", "varchar(30)", "\"-9223372036854775808\"", "-9223372036854775808"),
        ok("NUMERIC", "tinytext", "\"1.50\"", "1.50"),
        ok("FLOAT64", "varchar(30)", "1.5", "1.5"),
        ok("BOOL", "varchar(5)", "true", "true"),
        ok("JSON", "text", "\"{\\\"a\\\":1}\"", "{\"a\":1}"),
        ok("BYTES", "varchar(10)", "\"aMOpbGxv\"", "h\u00e9llo"),
        ok("DATE", "char(10)", "\"2024-01-01\"", "2024-01-01"),
        ok("TIMESTAMP", "varchar(40)", "\"2024-01-01T12:34:56.5Z\"", "2024-01-01T12:34:56.5Z"),
        ok("ARRAY<STRING>", "text", "[\"a\",\"b\\\"c\",null]", "[\"a\",\"b\\\"c\",null]"),
        ok("ARRAY<INT64>", "text", "[\"1\",\"-2\"]", "[1,-2]"),
        ok("STRING", "enum", "\"1\"", "1"),
        ok("STRING", "enum", "\"select\"", "select"),
        ok("ARRAY<STRING>", "set", "[\"a\",\"b\"]", "a,b"),
        ok("ARRAY<STRING>", "set", "[]", ""),
        ok("STRING", "set", "\"a,b\"", "a,b"),
        // json
        ok("JSON", "json", "\"{\\\"k\\\": [1, 2.5, \\\"x\\\"]}\"", "{\"k\": [1, 2.5, \"x\"]}"),
        ok("JSON", "json", "\"null\"", "null"),
        ok("STRING", "json", "\"[1,2]\"", "[1,2]"),
        ok("ARRAY<INT64>", "json", "[\"1\",\"9223372036854775807\"]", "[1,9223372036854775807]"),
        ok("ARRAY<NUMERIC>", "json", "[\"1.50\",null]", "[1.50,null]"),
        ok("ARRAY<FLOAT64>", "json", "[1.5,-2]", "[1.5,-2]"),
        ok("ARRAY<BOOL>", "json", "[true,false]", "[true,false]"),
        ok("ARRAY<STRING>", "json", "[\"it's \\\"q\\\"\"]", "[\"it's \\\"q\\\"\"]"),
        ok("ARRAY<JSON>", "json", "[\"{\\\"a\\\":1}\",null]", "[{\"a\":1},null]"),
        ok("ARRAY<BYTES>", "json", "[\"AQI=\"]", "[\"AQI=\"]"),
        ok("ARRAY<DATE>", "json", "[\"2024-01-01\"]", "[\"2024-01-01\"]"),
        ok("ARRAY<TIMESTAMP>", "json", "[\"2024-01-01T00:00:00Z\"]", "[\"2024-01-01T00:00:00Z\"]"),
        ok("INT64", "json", "\"5\"", "5"),
        ok("BOOL", "json", "true", "true"),
        ok("DATE", "json", "\"2024-01-01\"", "\"2024-01-01\""),
        // dates and times
        ok("DATE", "date", "\"2024-01-01\"", LocalDate.of(2024, 1, 1)),
        ok("DATE", "date", "\"0001-01-01\"", LocalDate.of(1, 1, 1)),
        ok("DATE", "date", "\"9999-12-31\"", LocalDate.of(9999, 12, 31)),
        ok("STRING", "date", "\"2024-02-29\"", LocalDate.of(2024, 2, 29)),
        ok("TIMESTAMP", "date", "\"2024-01-01T23:59:59Z\"", LocalDate.of(2024, 1, 1)),
        ok("STRING", "time", "\"14:30:00\"", "14:30:00"),
        ok("STRING", "time", "\"-838:59:59\"", "-838:59:59"),
        ok("STRING", "time", "\"838:59:59.000000\"", "838:59:59.000000"),
        ok("STRING", "time", "\"00:00:00.5\"", "00:00:00.5"),
        ok("STRING", "time", "\"2 10:00:00\"", "2 10:00:00"),
        ok("TIMESTAMP", "time", "\"2024-01-01T12:34:56.123456789Z\"", LocalTime.of(12, 34, 56, 123456000)),
        ok("STRING", "year", "\"2024\"", 2024L),
        ok("INT64", "year", "\"1901\"", 1901L),
        ok("INT64", "year", "\"2155\"", 2155L),
        ok("STRING", "year", "\"0\"", 0L),
        ok("DATE", "year", "\"2024-05-06\"", 2024L),
        ok("TIMESTAMP", "year", "\"2023-12-31T23:00:00Z\"", 2023L),
        ok("TIMESTAMP", "datetime", "\"2024-01-01T12:34:56Z\"", LocalDateTime.of(2024, 1, 1, 12, 34, 56)),
        ok("TIMESTAMP", "datetime", "\"2024-01-01T12:34:56.123456789Z\"",
            LocalDateTime.of(2024, 1, 1, 12, 34, 56, 123456000)),
        ok("TIMESTAMP", "datetime(3)", "\"2024-01-01T12:34:56.123956Z\"",
            LocalDateTime.of(2024, 1, 1, 12, 34, 56, 123000000)),
        ok("TIMESTAMP", "datetime(0)", "\"2024-01-01T23:59:59.999999Z\"",
            LocalDateTime.of(2024, 1, 1, 23, 59, 59)),
        ok("TIMESTAMP", "datetime", "\"0001-01-01T00:00:00Z\"", LocalDateTime.of(1, 1, 1, 0, 0)),
        ok("TIMESTAMP", "datetime", "\"9999-12-31T23:59:59.999999999Z\"",
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999999000)),
        ok("TIMESTAMP", "datetime", "\"2024-01-01T12:00:00+02:00\"", LocalDateTime.of(2024, 1, 1, 10, 0)),
        ok("DATE", "datetime", "\"2024-01-01\"", LocalDateTime.of(2024, 1, 1, 0, 0)),
        ok("STRING", "datetime", "\"2024-01-01 12:34:56.5\"", LocalDateTime.of(2024, 1, 1, 12, 34, 56, 500000000)),
        ok("STRING", "datetime", "\"2024-01-01T12:34:56-01:00\"", LocalDateTime.of(2024, 1, 1, 13, 34, 56)),
        ok("TIMESTAMP", "timestamp", "\"2024-01-01T12:34:56Z\"", LocalDateTime.of(2024, 1, 1, 12, 34, 56)),
        ok("TIMESTAMP", "timestamp", "\"1970-01-01T00:00:01Z\"", LocalDateTime.of(1970, 1, 1, 0, 0, 1)),
        ok("TIMESTAMP", "timestamp(6)", "\"2038-01-19T03:14:07.999999999Z\"",
            LocalDateTime.of(2038, 1, 19, 3, 14, 7, 999999000)));
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("convertible")
  void shouldConvertToTheJdbcValueOfTheSourceColumn(
      String spannerType, String sourceType, String json, Object expected) {
    Object actual = UTC.convert("t", Types.column("c", spannerType, sourceType), JsonParser.parseString(json));
    assertEquals(expected, actual);
    assertEquals(expected.getClass(), actual.getClass());
  }

  /** Spanner type, MySQL type, JSON value, base64 of the expected bytes. */
  static Stream<Arguments> convertibleToBytes() {
    return Stream.of(
        Arguments.of("BYTES", "bit(20)", "\"MQ==\"", new byte[] {0x31}),
        Arguments.of("BYTES", "bit(1)", "\"AAE=\"", new byte[] {1}),
        Arguments.of("BYTES", "bit(64)", "\"//////////8=\"", new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}),
        Arguments.of("INT64", "bit(3)", "\"5\"", new byte[] {5}),
        Arguments.of("INT64", "bit(8)", "\"255\"", new byte[] {-1}),
        Arguments.of("BOOL", "bit(1)", "true", new byte[] {1}),
        Arguments.of("BOOL", "bit", "false", new byte[] {0}),
        Arguments.of("BYTES", "binary(150)", "\"YmluX2NvbHVtbg==\"", "bin_column".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("BYTES", "varbinary(10)", "\"\"", new byte[0]),
        Arguments.of("BYTES", "blob", "\"AP8A/w==\"", new byte[] {0, -1, 0, -1}),
        Arguments.of("BYTES", "tinyblob", "\"YQ==\"", new byte[] {'a'}),
        Arguments.of("BYTES", "mediumblob", "\"YQ==\"", new byte[] {'a'}),
        Arguments.of("BYTES", "longblob", "\"YQ==\"", new byte[] {'a'}),
        // The migration tool's convention for a binary column migrated to STRING: hex text.
        Arguments.of("STRING", "varbinary(10)", "\"68c3a9\"", "h\u00e9".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("STRING", "binary(4)", "\"00FF41\"", new byte[] {0, -1, 'A'}),
        Arguments.of("STRING", "longblob", "\"\"", new byte[0]),
        Arguments.of("STRING", "blob", "\"deadBEEF\"", new byte[] {-34, -83, -66, -17}),
        Arguments.of("STRING", "tinyblob", "\"61\"", new byte[] {'a'}),
        Arguments.of("STRING", "mediumblob", "\"0a\"", new byte[] {'\n'}),
        // ... and for a bit column migrated to STRING: the decimal number of its bits.
        Arguments.of("STRING", "bit(12)", "\"4095\"", new byte[] {0x0f, -1}),
        Arguments.of("STRING", "bit(1)", "\"0\"", new byte[] {0}),
        Arguments.of("JSON", "blob", "\"{}\"", new byte[] {'{', '}'}));
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("convertibleToBytes")
  void shouldConvertToBytes(String spannerType, String sourceType, String json, byte[] expected) {
    Object actual = UTC.convert("t", Types.column("c", spannerType, sourceType), JsonParser.parseString(json));
    assertArrayEquals(expected, (byte[]) actual);
  }

  /** Spanner type, MySQL type, JSON value, a phrase the reason must contain. */
  static Stream<Arguments> unconvertible() {
    return Stream.of(
        Arguments.of("INT64", "tinyint", "\"128\"", "out of range [-128, 127]"),
        Arguments.of("INT64", "tinyint unsigned", "\"-1\"", "out of range [0, 255]"),
        Arguments.of("INT64", "smallint", "\"32768\"", "out of range"),
        Arguments.of("INT64", "mediumint", "\"8388608\"", "out of range"),
        Arguments.of("INT64", "int", "\"2147483648\"", "out of range"),
        Arguments.of("INT64", "int unsigned", "\"4294967296\"", "out of range"),
        Arguments.of("NUMERIC", "bigint unsigned", "\"18446744073709551616\"", "out of range"),
        Arguments.of("INT64", "bigint unsigned", "\"-1\"", "out of range"),
        Arguments.of("INT64", "int", "\"12a\"", "not a finite number"),
        Arguments.of("NUMERIC", "int", "\"12.5\"", "fractional part"),
        Arguments.of("FLOAT64", "int", "3.5", "fractional part"),
        Arguments.of("FLOAT64", "bigint", "\"NaN\"", "not a finite number"),
        Arguments.of("BYTES", "int", "\"AQ==\"", "not a number"),
        Arguments.of("DATE", "bigint", "\"2024-01-01\"", "not a number"),
        Arguments.of("NUMERIC", "decimal(10,2)", "\"123456789.12\"", "more than 8 integer digits"),
        Arguments.of("NUMERIC", "decimal(10,2) unsigned", "\"-1\"", "unsigned"),
        Arguments.of("FLOAT64", "decimal(10,2)", "\"Infinity\"", "not a finite number"),
        // A PostgreSQL-dialect numeric may be NaN; no MySQL decimal holds it.
        Arguments.of("NUMERIC", "decimal(10,2)", "\"NaN\"", "not a finite number"),
        Arguments.of("FLOAT64", "double", "\"NaN\"", "NaN or infinity"),
        Arguments.of("FLOAT64", "double", "\"Infinity\"", "NaN or infinity"),
        Arguments.of("FLOAT32", "float", "\"-Infinity\"", "NaN or infinity"),
        Arguments.of("FLOAT64", "float", "1e300", "single-precision"),
        Arguments.of("FLOAT64", "double unsigned", "-1", "unsigned"),
        Arguments.of("STRING", "double", "\"abc\"", "not a number"),
        Arguments.of("BYTES", "bit(20)", "\"ZXhhbXBsZWJpdDE=\"", "needs 87 bits but the column holds 20"),
        Arguments.of("INT64", "bit(3)", "\"8\"", "needs 4 bits"),
        Arguments.of("INT64", "bit(64)", "\"-1\"", "bits"),
        Arguments.of("BYTES", "blob", "\"not base64!\"", "Illegal base64"),
        Arguments.of("BYTES", "varchar(10)", "\"/w==\"", "not valid UTF-8"),
        Arguments.of("INT64", "varbinary(10)", "\"1\"", "cannot be written as bytes"),
        Arguments.of("STRING", "binary(255)", "\"binary text\"", "not hexadecimal text"),
        Arguments.of("STRING", "longblob", "\"abc\"", "odd number of hex digits"),
        Arguments.of("STRING", "varbinary(4)", "\"0x41\"", "not hexadecimal text"),
        Arguments.of("STRING", "bit(8)", "\"1f\"", "not the decimal number of the bits"),
        Arguments.of("STRING", "bit(8)", "\"b'101'\"", "not the decimal number of the bits"),
        Arguments.of("STRING", "bit(8)", "\"256\"", "needs 9 bits but the column holds 8"),
        Arguments.of("ARRAY<STRING>", "set", "[\"a,b\"]", "cannot contain a comma"),
        Arguments.of("ARRAY<STRING>", "set", "[null]", "null member"),
        Arguments.of("ARRAY<FLOAT64>", "json", "[1.5,\"NaN\"]", "JSON cannot hold NaN"),
        Arguments.of("ARRAY<JSON>", "json", "[\"{bad\"]", "not a valid JSON document"),
        Arguments.of("ARRAY<INT64>", "int", "[\"1\"]", "json, set or text"),
        Arguments.of("ARRAY<STRING>", "enum", "[\"a\"]", "json, set or text"),
        Arguments.of("ARRAY<STRING>", "json", "\"a\"", "expected a JSON array"),
        Arguments.of("STRING", "varchar(5)", "[\"a\"]", "expected a single STRING"),
        Arguments.of("DATE", "date", "\"2024-02-30\"", "Invalid date"),
        Arguments.of("STRING", "date", "\"01/02/2024\"", "could not be parsed"),
        Arguments.of("INT64", "date", "\"20240101\"", "cannot be written to a date"),
        Arguments.of("STRING", "time", "\"14:61:00\"", "not a MySQL TIME"),
        Arguments.of("STRING", "time", "\"noon\"", "not a MySQL TIME"),
        Arguments.of("BOOL", "time", "true", "cannot be written to a time"),
        Arguments.of("STRING", "year", "\"1900\"", "out of range"),
        Arguments.of("INT64", "year", "\"2156\"", "out of range"),
        Arguments.of("STRING", "year", "\"MMXXIV\"", "not a finite number"),
        Arguments.of("TIMESTAMP", "datetime", "\"2024-01-01 12:00\"", "could not be parsed"),
        Arguments.of("STRING", "datetime", "\"yesterday\"", "could not be parsed"),
        Arguments.of("INT64", "datetime", "\"1700000000\"", "cannot be written to a datetime"),
        Arguments.of("TIMESTAMP", "timestamp", "\"1970-01-01T00:00:00Z\"", "out of range"),
        Arguments.of("TIMESTAMP", "timestamp", "\"2038-01-19T03:14:08Z\"", "out of range"),
        Arguments.of("TIMESTAMP", "timestamp", "\"0001-01-01T00:00:00Z\"", "out of range"),
        Arguments.of("STRING", "geometry", "\"POINT(1 1)\"", "unsupported MySQL column type 'geometry'"),
        Arguments.of("PROTO", "blob", "\"AQ==\"", "unsupported Spanner type PROTO"));
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("unconvertible")
  void shouldRejectValuesTheSourceColumnCannotHold(
      String spannerType, String sourceType, String json, String reason) {
    ColumnMapping column = Types.column("spanner_col", spannerType, "source_col", sourceType);
    ConversionException error =
        assertThrows(
            ConversionException.class,
            () -> UTC.convert("orders", column, JsonParser.parseString(json)));
    String message = error.getMessage();
    assertTrue(message.contains(reason), message);
    assertTrue(message.contains("orders.source_col"), message);
    assertTrue(message.contains(column.sourceType().toString()), message);
    assertTrue(message.contains(column.spannerType().toString()), message);
    assertTrue(message.contains(json), message);
    assertEquals("orders", error.table());
    assertEquals("source_col", error.column());
    assertEquals(ErrorClass.PERMANENT, MySqlErrorClassifier.classify(error));
  }

  @ParameterizedTest(name = "null into {0}")
  @ValueSource(
      strings = {
        "tinyint", "bigint unsigned", "decimal(10,2)", "float", "double", "bit(8)", "varchar(5)",
        "enum", "set", "json", "binary(4)", "blob", "date", "time", "year", "datetime", "timestamp"
      })
  void shouldBindSqlNullForJsonNullInEveryColumnType(String sourceType) {
    assertNull(UTC.convert("t", Types.column("c", "STRING", sourceType), JsonNull.INSTANCE));
    assertNull(UTC.convert("t", Types.column("c", "ARRAY<STRING>", sourceType), null));
  }

  @Test
  void shouldWriteTimestampsAsLocalTimeAtTheSourceOffset() {
    ColumnMapping datetime = Types.column("c", "TIMESTAMP", "datetime");
    assertEquals(
        LocalDateTime.of(2024, 1, 1, 18, 4, 56, 789000),
        IST.convert("t", datetime, JsonParser.parseString("\"2024-01-01T12:34:56.000789Z\"")));
    assertEquals(
        LocalDate.of(2024, 1, 2),
        IST.convert("t", Types.column("c", "TIMESTAMP", "date"),
            JsonParser.parseString("\"2024-01-01T20:00:00Z\"")));
    assertEquals(ZoneOffset.of("+05:30"), IST.sourceTimezone());
  }

  @Test
  void shouldCheckTheTimestampRangeAsAnInstantWhateverTheOffset() {
    ColumnMapping timestamp = Types.column("c", "TIMESTAMP", "timestamp");
    assertEquals(
        LocalDateTime.of(1970, 1, 1, 5, 30, 1),
        IST.convert("t", timestamp, JsonParser.parseString("\"1970-01-01T00:00:01Z\"")));
    assertThrows(
        ConversionException.class,
        () -> IST.convert("t", timestamp, JsonParser.parseString("\"1970-01-01 05:30:00\"")));
  }

  @Test
  void shouldShortenHugeValuesInTheErrorMessage() {
    String huge = "x".repeat(10_000);
    ConversionException error =
        assertThrows(
            ConversionException.class,
            () -> UTC.convert("t", Types.column("c", "STRING", "int"),
                JsonParser.parseString("\"" + huge + "\"")));
    assertTrue(error.getMessage().length() < 1_000, error.getMessage());
    assertTrue(error.getMessage().contains("10002 chars"), error.getMessage());
  }

  @Test
  void shouldRefuseAColumnWithoutSourceColumn() {
    ColumnMapping unmapped =
        new ColumnMapping("shard", Types.spanner("STRING"), null, null);
    assertThrows(
        IllegalArgumentException.class,
        () -> UTC.convert("t", unmapped, JsonParser.parseString("\"a\"")));
  }

  @Test
  void shouldTruncateToTheLiveColumnsDigitsWhateverTheSessionTypeSays() {
    MySqlValueConverter live = new MySqlValueConverter(ZoneOffset.UTC, TemporalPrecisions.of(
        java.util.Map.of("t.plain", 0, "T.Millis", 3, "t.clock", 0, "t.stated", 2)));
    JsonElement lastInstant = JsonParser.parseString("\"2024-12-31T23:59:59.654321Z\"");

    // The session says "datetime" (no modifier) for all of them, as the migration tool writes.
    assertEquals(LocalDateTime.of(2024, 12, 31, 23, 59, 59),
        live.convert("t", Types.column("c", "TIMESTAMP", "plain", "datetime"), lastInstant));
    assertEquals(LocalDateTime.of(2024, 12, 31, 23, 59, 59, 654_000_000),
        live.convert("t", Types.column("c", "TIMESTAMP", "millis", "timestamp"), lastInstant));
    assertEquals(LocalDateTime.of(2024, 12, 31, 23, 59, 59, 650_000_000),
        live.convert("t", Types.column("c", "TIMESTAMP", "stated", "datetime(6)"), lastInstant),
        "the live column wins over the session's modifier");
    assertEquals(LocalTime.of(23, 59, 59),
        live.convert("t", Types.column("c", "TIMESTAMP", "clock", "time"), lastInstant));
    assertEquals("23:59:59",
        live.convert("t", Types.column("c", "STRING", "clock", "time"),
            JsonParser.parseString("\"23:59:59.9\"")));
    assertEquals(LocalDateTime.of(2024, 12, 31, 23, 59, 59, 654_321_000),
        live.convert("t", Types.column("c", "TIMESTAMP", "unknown", "datetime"), lastInstant),
        "a column the live schema does not list keeps microseconds");
  }

  private static Arguments ok(String spannerType, String sourceType, String json, Object expected) {
    return Arguments.of(spannerType, sourceType, json, expected);
  }
}
