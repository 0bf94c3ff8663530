package dev.rr.common.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.gson.JsonParser;
import dev.rr.common.input.MySqlColumnTypes;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported Spanner -> MySQL type pair against a real server: written through the dialect
 * (insert, update from NULL, upsert and delete by a key of that type), read back by the server's
 * own rendering, with client-side and server-side prepared statements, and as the text with the
 * values written in ({@link MySqlLiterals}) that the writer sends.
 */
class MySqlTypeRoundTripIT {

  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final MySqlDialect DIALECT = new MySqlDialect();
  private static MySqlTestDatabase database;
  private static final List<Connection> CONNECTIONS = new ArrayList<>();

  /** How to read a value back so that MySQL and MariaDB render it the same way. */
  enum Read {
    TEXT("CAST(v AS CHAR)"),
    HEX("HEX(v)"),
    NUMBER("CAST(v + 0 AS CHAR)"),
    DOUBLE("v"),
    JSON("CAST(v AS CHAR)");

    final String expression;

    Read(String expression) {
      this.expression = expression;
    }
  }

  record Case(String spanner, String column, String json, Read read, String expected, boolean key) {
    @Override
    public String toString() {
      return spanner + " -> " + column + " " + json;
    }
  }

  static List<Case> cases() {
    return List.of(
        key("INT64", "tinyint", "\"-128\"", Read.TEXT, "-128"),
        c("INT64", "tinyint unsigned", "\"255\"", Read.TEXT, "255"),
        c("INT64", "smallint", "\"32767\"", Read.TEXT, "32767"),
        c("INT64", "mediumint unsigned", "\"16777215\"", Read.TEXT, "16777215"),
        key("INT64", "int", "\"-2147483648\"", Read.TEXT, "-2147483648"),
        key("INT64", "bigint", "\"9223372036854775807\"", Read.TEXT, "9223372036854775807"),
        c("INT64", "bigint", "\"-9223372036854775808\"", Read.TEXT, "-9223372036854775808"),
        key("NUMERIC", "bigint unsigned", "\"18446744073709551615\"", Read.TEXT, "18446744073709551615"),
        c("STRING", "int", "\"42\"", Read.TEXT, "42"),
        c("BOOL", "tinyint(1)", "true", Read.TEXT, "1"),
        c("BOOL", "boolean", "false", Read.TEXT, "0"),
        key("NUMERIC", "decimal(10,2)", "\"99999.99\"", Read.TEXT, "99999.99"),
        c("NUMERIC", "decimal(38,9)", "\"-99999999999999999999999999999.999999999\"", Read.TEXT,
            "-99999999999999999999999999999.999999999"),
        c("FLOAT64", "decimal(10,2)", "12345.67", Read.TEXT, "12345.67"),
        c("INT64", "decimal(20,0) unsigned", "\"9223372036854775807\"", Read.TEXT, "9223372036854775807"),
        c("FLOAT64", "double", "123456.123", Read.DOUBLE, "123456.123"),
        c("FLOAT64", "double", "-1.7976931348623157E308", Read.DOUBLE, "-1.7976931348623157E308"),
        c("FLOAT64", "double", "4.9E-324", Read.DOUBLE, "4.9E-324"),
        c("INT64", "double", "\"7\"", Read.DOUBLE, "7"),
        c("FLOAT32", "float", "1.5", Read.DOUBLE, "1.5"),
        c("FLOAT64", "float(10,2)", "12345.67", Read.TEXT, "12345.67"),
        c("BYTES", "bit(20)", "\"MQ==\"", Read.NUMBER, "49"),
        c("BYTES", "bit(64)", "\"//////////8=\"", Read.NUMBER, "18446744073709551615"),
        c("INT64", "bit(3)", "\"5\"", Read.NUMBER, "5"),
        c("BOOL", "bit(1)", "true", Read.NUMBER, "1"),
        key("STRING", "varchar(40)", "\"emoji \\ud83d\\ude00 na\\u00efve \\u4e2d\\u6587\"", Read.TEXT,
            "emoji \uD83D\uDE00 na\u00efve \u4e2d\u6587"),
        key("STRING", "char(30)", "\"O'Reilly \\\\ \\\"q\\\" `t`; --\"", Read.TEXT, "O'Reilly \\ \"q\" `t`; --"),
        c("STRING", "text", "\"\"", Read.TEXT, ""),
        key("STRING", "varchar(40)", "\"a\\u001ab\\\\?'x\\r{fn now()}\\\\\"", Read.TEXT,
            "a\u001ab\\?'x\r{fn now()}\\"),
        c("STRING", "longtext", "\"line1\\nline2\\ttab\\u0000end\"", Read.TEXT, "line1\nline2\ttab\u0000end"),
        // Type names with attributes, as MySQL prints them (issue 19).
        c("STRING", "longtext CHARACTER SET utf8", "\"na\\u00efve\"", Read.TEXT, "na\u00efve"),
        key("STRING", "varchar(20) CHARACTER SET latin1 COLLATE latin1_bin", "\"Caf\\u00e9\"", Read.TEXT,
            "Caf\u00e9"),
        c("INT64", "int(10) unsigned zerofill", "\"4294967295\"", Read.NUMBER, "4294967295"),
        c("STRING", "enum('it''s','b') CHARACTER SET utf8mb4", "\"it's\"", Read.TEXT, "it's"),
        c("INT64", "varchar(30)", "\"-5\"", Read.TEXT, "-5"),
        c("BYTES", "tinytext", "\"aMOpbGxv\"", Read.TEXT, "h\u00e9llo"),
        key("STRING", "enum('a','b','select')", "\"select\"", Read.TEXT, "select"),
        c("STRING", "enum('0','1')", "\"1\"", Read.TEXT, "1"),
        key("ARRAY<STRING>", "set('a','b','c')", "[\"a\",\"c\"]", Read.TEXT, "a,c"),
        c("ARRAY<STRING>", "set('a','b','c')", "[]", Read.TEXT, ""),
        c("JSON", "json", "\"{\\\"k\\\": [1, 2.5, \\\"x\\\"], \\\"u\\\": \\\"\\u00e9\\ud83d\\ude00\\\"}\"",
            Read.JSON, "{\"k\": [1, 2.5, \"x\"], \"u\": \"\u00e9\uD83D\uDE00\"}"),
        c("STRING", "json", "\"[1,2]\"", Read.JSON, "[1,2]"),
        c("ARRAY<INT64>", "json", "[\"1\",\"9223372036854775807\"]", Read.JSON, "[1,9223372036854775807]"),
        c("ARRAY<JSON>", "json", "[\"{\\\"a\\\":1}\",null]", Read.JSON, "[{\"a\":1},null]"),
        c("ARRAY<STRING>", "text", "[\"a\",\"b\\\"c\"]", Read.TEXT, "[\"a\",\"b\\\"c\"]"),
        key("BYTES", "binary(4)", "\"AP8A/w==\"", Read.HEX, "00FF00FF"),
        c("BYTES", "binary(12)", "\"YmluX2NvbHVtbg==\"", Read.HEX, "62696E5F636F6C756D6E0000"),
        key("BYTES", "varbinary(16)", "\"\"", Read.HEX, ""),
        c("BYTES", "blob", "\"AP8A/w==\"", Read.HEX, "00FF00FF"),
        c("BYTES", "tinyblob", "\"YQ==\"", Read.HEX, "61"),
        c("BYTES", "mediumblob", "\"YQ==\"", Read.HEX, "61"),
        c("BYTES", "longblob", "\"Jyk7LS0=\"", Read.HEX, "27293B2D2D"),
        c("STRING", "varbinary(10)", "\"68c3a9\"", Read.HEX, "68C3A9"),
        c("STRING", "binary(255)", "\"00ff\"", Read.HEX, "00FF" + "00".repeat(253)),
        c("STRING", "longblob", "\"DEADBEEF\"", Read.HEX, "DEADBEEF"),
        c("STRING", "bit(12)", "\"4095\"", Read.NUMBER, "4095"),
        key("DATE", "date", "\"2024-02-29\"", Read.TEXT, "2024-02-29"),
        c("DATE", "date", "\"1000-01-01\"", Read.TEXT, "1000-01-01"),
        c("DATE", "date", "\"9999-12-31\"", Read.TEXT, "9999-12-31"),
        c("TIMESTAMP", "date", "\"2024-01-01T23:59:59Z\"", Read.TEXT, "2024-01-01"),
        c("STRING", "time", "\"14:30:00\"", Read.TEXT, "14:30:00"),
        c("STRING", "time", "\"-838:59:59\"", Read.TEXT, "-838:59:59"),
        key("STRING", "time(6)", "\"12:00:00.123456\"", Read.TEXT, "12:00:00.123456"),
        c("TIMESTAMP", "time(6)", "\"2024-01-01T12:34:56.123456789Z\"", Read.TEXT, "12:34:56.123456"),
        key("STRING", "year", "\"2024\"", Read.TEXT, "2024"),
        c("INT64", "year", "\"2155\"", Read.TEXT, "2155"),
        c("INT64", "year", "\"1901\"", Read.TEXT, "1901"),
        c("DATE", "year", "\"2024-05-06\"", Read.TEXT, "2024"),
        c("TIMESTAMP", "datetime", "\"2024-01-01T12:34:56Z\"", Read.TEXT, "2024-01-01 12:34:56"),
        key("TIMESTAMP", "datetime(6)", "\"2024-01-01T12:34:56.123456789Z\"", Read.TEXT,
            "2024-01-01 12:34:56.123456"),
        c("TIMESTAMP", "datetime(3)", "\"2024-01-01T12:34:56.123956Z\"", Read.TEXT, "2024-01-01 12:34:56.123"),
        c("TIMESTAMP", "datetime(6)", "\"9999-12-31T23:59:59.999999999Z\"", Read.TEXT,
            "9999-12-31 23:59:59.999999"),
        c("TIMESTAMP", "datetime(6)", "\"1000-01-01T00:00:00Z\"", Read.TEXT, "1000-01-01 00:00:00.000000"),
        c("DATE", "datetime", "\"2024-01-01\"", Read.TEXT, "2024-01-01 00:00:00"),
        c("STRING", "datetime(6)", "\"2024-01-01 12:34:56.5\"", Read.TEXT, "2024-01-01 12:34:56.500000"),
        key("TIMESTAMP", "timestamp(6)", "\"2024-01-01T12:34:56.654321Z\"", Read.TEXT,
            "2024-01-01 12:34:56.654321"),
        c("TIMESTAMP", "timestamp(6)", "\"1970-01-01T00:00:01Z\"", Read.TEXT, "1970-01-01 00:00:01.000000"),
        c("TIMESTAMP", "timestamp(6)", "\"2038-01-19T03:14:07.999999Z\"", Read.TEXT,
            "2038-01-19 03:14:07.999999"));
  }

  /** How a statement reaches the server. */
  enum Mode {
    CLIENT_PREPARED,
    SERVER_PREPARED,
    INLINED
  }

  static Stream<Arguments> casesInEveryMode() {
    return Stream.of(Mode.values())
        .flatMap(mode -> cases().stream().map(c -> Arguments.of(mode, c)));
  }

  @BeforeAll
  static void createDatabase() {
    database = mysql.newDatabase();
  }

  @AfterAll
  static void closeConnections() throws SQLException {
    for (Connection connection : CONNECTIONS) {
      connection.close();
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("casesInEveryMode")
  void shouldWriteAndReadBackEveryTypePair(Mode mode, Case c) throws SQLException {
    Connection connection = connection(mode);
    String table = "c" + TABLES.incrementAndGet();
    execute(connection, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v " + c.column() + " NULL)");
    TableMapping mapping = mapping(table, "id", "INT64", "int", "v", c);

    apply(mode, connection, mapping, ModType.INSERT, "{\"id\":\"1\"}", "{\"v\":null}");
    assertNull(readBack(connection, table, "id = 1", Read.TEXT));
    apply(mode, connection, mapping, ModType.UPDATE, "{\"id\":\"1\"}", "{\"v\":" + c.json() + "}");
    apply(mode, connection, mapping, ModType.INSERT, "{\"id\":\"2\"}", "{\"v\":" + c.json() + "}");
    for (String row : List.of("id = 1", "id = 2")) {
      assertReadBack(c, readBack(connection, table, row, c.read()));
    }

    if (c.key()) {
      String keyed = "k" + TABLES.incrementAndGet();
      execute(connection, "CREATE TABLE " + keyed + " (v " + c.column() + " NOT NULL PRIMARY KEY, note INT)");
      TableMapping byValue = mapping(keyed, "note", "INT64", "int", "v", c);
      String keys = "{\"v\":" + c.json() + "}";
      apply(mode, connection, byValue, ModType.INSERT, keys, "{\"note\":\"1\"}");
      apply(mode, connection, byValue, ModType.UPDATE, keys, "{\"note\":\"2\"}");
      assertEquals("2", readBack(connection, keyed, "note IS NOT NULL", Read.TEXT, "note"));
      assertReadBack(c, readBack(connection, keyed, "note = 2", c.read()));
      apply(mode, connection, byValue, ModType.DELETE, keys, "{}");
      assertEquals("0", readBack(connection, keyed, "TRUE", Read.TEXT, "COUNT(*)"));
    }
  }

  @Test
  void shouldRefuseInlinedTextOnASessionWhereBackslashesAreNotEscapes() throws SQLException {
    String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?")
        + "sessionVariables=sql_mode='NO_BACKSLASH_ESCAPES'";
    try (Connection connection = DriverManager.getConnection(url, database.user(), database.password())) {
      assertFalse(DIALECT.acceptsInlinedText(connection));
    }
    assertTrue(DIALECT.acceptsInlinedText(connection(Mode.INLINED)));
  }

  @Test
  void shouldStoreTimestampInstantsThroughTheSourceOffset() throws SQLException {
    MySqlDialect ist = new MySqlDialect(ZoneOffset.of("+05:30"));
    try (Connection connection = database.connect()) {
      execute(connection, ist.sessionTimeZone());
      execute(connection, "CREATE TABLE tz (id INT PRIMARY KEY, ts TIMESTAMP(6) NULL, dt DATETIME(6))");
      TableMapping mapping =
          new TableMapping(
              "Tz",
              "tz",
              List.of(
                  Types.column("id", "INT64", "int"),
                  Types.column("ts", "TIMESTAMP", "timestamp(6)"),
                  Types.column("dt", "TIMESTAMP", "datetime(6)")),
              List.of("id"),
              null);
      String instant = "\"2024-01-01T00:00:00.5Z\"";
      try (PreparedStatement insert =
          ist.statement(record(ModType.INSERT, "{\"id\":\"1\"}", "{\"ts\":" + instant + ",\"dt\":" + instant + "}"), mapping)
              .prepare(connection)) {
        insert.executeUpdate();
      }
      assertEquals("1704067200.500000", readBack(connection, "tz", "id = 1", Read.TEXT, "UNIX_TIMESTAMP(ts)"));
      assertEquals("2024-01-01 05:30:00.500000", readBack(connection, "tz", "id = 1", Read.TEXT, "CAST(dt AS CHAR)"));
      execute(connection, DIALECT.sessionTimeZone());
      assertEquals("2024-01-01 00:00:00.500000", readBack(connection, "tz", "id = 1", Read.TEXT, "CAST(ts AS CHAR)"));
    }
  }

  private static void assertReadBack(Case c, String actual) {
    switch (c.read()) {
      case JSON -> assertEquals(JsonParser.parseString(c.expected()), JsonParser.parseString(actual), c.toString());
      case DOUBLE -> assertEquals(Double.parseDouble(c.expected()), Double.parseDouble(actual), c.toString());
      default -> assertEquals(c.expected(), actual, c.toString());
    }
  }

  private static TableMapping mapping(
      String table, String otherName, String otherSpanner, String otherSource, String name, Case c) {
    ColumnMapping value =
        new ColumnMapping(name, spannerType(c.spanner()), name, MySqlColumnTypes.parse(c.column()));
    ColumnMapping other = Types.column(otherName, otherSpanner, otherSource);
    List<String> key = otherName.equals("id") ? List.of("id") : List.of(name);
    return new TableMapping("T", table, List.of(other, value), key, null);
  }

  private static SpannerType spannerType(String text) {
    return Types.spanner(text);
  }

  private static void apply(
      Mode mode, Connection connection, TableMapping mapping, ModType type, String keys, String values)
      throws SQLException {
    SqlStatement sql = DIALECT.statement(record(type, keys, values), mapping);
    if (mode == Mode.INLINED) {
      assertTrue(DIALECT.acceptsInlinedText(connection));
      try (Statement statement = connection.createStatement()) {
        statement.setEscapeProcessing(false);
        statement.executeUpdate(DIALECT.inline(sql).orElseThrow());
      }
      return;
    }
    try (PreparedStatement statement = sql.prepare(connection)) {
      statement.executeUpdate();
    }
  }

  private static String readBack(Connection connection, String table, String where, Read read) throws SQLException {
    return readBack(connection, table, where, read, read.expression);
  }

  private static String readBack(Connection connection, String table, String where, Read read, String expression)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT " + expression + " FROM " + table + " WHERE " + where)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static Connection connection(Mode mode) throws SQLException {
    int index = mode == Mode.SERVER_PREPARED ? 1 : 0;
    while (CONNECTIONS.size() <= index) {
      boolean server = CONNECTIONS.size() == 1;
      Connection connection =
          DriverManager.getConnection(
              database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "useServerPrepStmts=" + server, database.user(), database.password());
      execute(connection, DIALECT.sessionTimeZone());
      CONNECTIONS.add(connection);
    }
    return CONNECTIONS.get(index);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void execute(Connection connection, SqlStatement sql) throws SQLException {
    try (PreparedStatement statement = sql.prepare(connection)) {
      statement.execute();
    }
  }

  static ChangeRecord record(ModType type, String keys, String values) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1_700_000_000, 0))
        .serverTransactionId("tx")
        .tableName("T")
        .modType(type)
        .keysJson(keys)
        .newValuesJson(type == ModType.DELETE ? "{}" : values)
        .build();
  }

  private static Case c(String spanner, String column, String json, Read read, String expected) {
    return new Case(spanner, column, json, read, expected, false);
  }

  private static Case key(String spanner, String column, String json, Read read, String expected) {
    return new Case(spanner, column, json, read, expected, true);
  }
}
