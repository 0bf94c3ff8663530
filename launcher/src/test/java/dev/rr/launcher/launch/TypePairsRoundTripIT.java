package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Value;
import com.google.gson.JsonParser;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pair of the Spanner migration tool's MySQL type-mapping table, default and alternative,
 * one column each, with a value spelled the way the tool's forward migration leaves it in Spanner
 * (hex text for bytes in a STRING, the decimal number for bits in a STRING, RFC 3339 for a
 * datetime in a STRING...): written to Spanner, read from its change stream by the reader,
 * applied by the writer of a bounded rr launch into MariaDB, read back by the server's own
 * rendering, and found EQUAL by rr verify. A second row holds NULL in every column.
 */
class TypePairsRoundTripIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  /** How the server renders a column for the comparison. */
  enum Read {
    TEXT("CAST(%s AS CHAR)"), HEX("HEX(%s)"), NUMBER("CAST(%s + 0 AS CHAR)"),
    DOUBLE("%s"), JSON("CAST(%s AS CHAR)");

    final String expression;

    Read(String expression) {
      this.expression = expression;
    }
  }

  /** One pair: its column on both sides, a Spanner value and what MySQL must hold for it. */
  record Pair(String column, String mysqlType, String spannerType, Value value, Read read,
      String expected) {}

  static final List<Pair> PAIRS = List.of(
      // The tool's default Spanner type for each MySQL type.
      new Pair("d_bool", "tinyint(1)", "BOOL", Value.bool(true), Read.TEXT, "1"),
      new Pair("d_boolean", "boolean", "BOOL", Value.bool(false), Read.TEXT, "0"),
      new Pair("d_tinyint", "tinyint", "INT64", Value.int64(-128), Read.TEXT, "-128"),
      new Pair("d_smallint", "smallint", "INT64", Value.int64(32767), Read.TEXT, "32767"),
      new Pair("d_mediumint", "mediumint", "INT64", Value.int64(-8388608), Read.TEXT, "-8388608"),
      new Pair("d_int", "int", "INT64", Value.int64(2147483647), Read.TEXT, "2147483647"),
      new Pair("d_bigint", "bigint", "INT64", Value.int64(Long.MIN_VALUE), Read.TEXT,
          "-9223372036854775808"),
      new Pair("d_float", "float", "FLOAT32", Value.float32(1.5f), Read.DOUBLE, "1.5"),
      new Pair("d_float_wide", "float", "FLOAT64", Value.float64(0.25), Read.DOUBLE, "0.25"),
      new Pair("d_double", "double", "FLOAT64", Value.float64(-Double.MAX_VALUE), Read.DOUBLE,
          "-1.7976931348623157E308"),
      new Pair("d_decimal", "decimal(20,5)", "NUMERIC", Value.numeric(new BigDecimal("12345.6789")),
          Read.TEXT, "12345.67890"),
      new Pair("d_bit", "bit(12)", "BYTES", bytes(0x0f, 0xff), Read.NUMBER, "4095"),
      new Pair("d_char", "char(5)", "STRING", Value.string("ab"), Read.TEXT, "ab"),
      new Pair("d_varchar", "varchar(20)", "STRING", Value.string("Zo\u00eb"), Read.TEXT, "Zo\u00eb"),
      new Pair("d_tinytext", "tinytext", "STRING", Value.string("t"), Read.TEXT, "t"),
      new Pair("d_text", "text", "STRING", Value.string("te"), Read.TEXT, "te"),
      new Pair("d_mediumtext", "mediumtext", "STRING", Value.string("tex"), Read.TEXT, "tex"),
      new Pair("d_longtext", "longtext", "STRING", Value.string("text"), Read.TEXT, "text"),
      new Pair("d_enum", "enum('x','y')", "STRING", Value.string("y"), Read.TEXT, "y"),
      new Pair("d_set", "set('a','b','c')", "ARRAY<STRING(MAX)>",
          Value.stringArray(List.of("c", "a")), Read.TEXT, "a,c"),
      new Pair("d_json", "json", "JSON", Value.json("{\"b\":1,\"a\":[1,2]}"), Read.JSON,
          "{\"a\":[1,2],\"b\":1}"),
      new Pair("d_binary", "binary(4)", "BYTES", bytes(1, 2), Read.HEX, "01020000"),
      new Pair("d_varbinary", "varbinary(8)", "BYTES", bytes(0, 0xff), Read.HEX, "00FF"),
      new Pair("d_tinyblob", "tinyblob", "BYTES", bytes(0x61), Read.HEX, "61"),
      new Pair("d_blob", "blob", "BYTES", bytes(0, 1), Read.HEX, "0001"),
      new Pair("d_mediumblob", "mediumblob", "BYTES", bytes(0xfe), Read.HEX, "FE"),
      new Pair("d_longblob", "longblob", "BYTES", bytes(0xde, 0xad), Read.HEX, "DEAD"),
      new Pair("d_date", "date", "DATE", Value.date(Date.fromYearMonthDay(2024, 2, 29)), Read.TEXT,
          "2024-02-29"),
      // Whole seconds: the emulator's change stream (1.5.28) drops a TIMESTAMP's fraction
      // ("...:30.123456Z" arrives as "...:30Z"); MySqlTypeRoundTripIT covers fractions.
      new Pair("d_datetime", "datetime(6)", "TIMESTAMP",
          Value.timestamp(Timestamp.parseTimestamp("2024-05-01T10:15:30Z")), Read.TEXT,
          "2024-05-01 10:15:30.000000"),
      new Pair("d_timestamp", "timestamp(6) NULL", "TIMESTAMP",
          Value.timestamp(Timestamp.parseTimestamp("2030-01-01T00:00:01Z")), Read.TEXT,
          "2030-01-01 00:00:01.000000"),
      new Pair("d_time", "time", "STRING", Value.string("-838:59:59"), Read.TEXT, "-838:59:59"),
      new Pair("d_year", "year", "STRING", Value.string("2024"), Read.TEXT, "2024"),
      // The alternatives the tool offers, each with its forward spelling.
      new Pair("a_bool_string", "tinyint(1)", "STRING", Value.string("1"), Read.TEXT, "1"),
      new Pair("a_bool_int64", "boolean", "INT64", Value.int64(0), Read.TEXT, "0"),
      new Pair("a_tinyint_string", "tinyint", "STRING", Value.string("-5"), Read.TEXT, "-5"),
      new Pair("a_smallint_string", "smallint", "STRING", Value.string("300"), Read.TEXT, "300"),
      new Pair("a_mediumint_string", "mediumint", "STRING", Value.string("70000"), Read.TEXT, "70000"),
      new Pair("a_int_string", "int", "STRING", Value.string("-2147483648"), Read.TEXT, "-2147483648"),
      new Pair("a_bigint_string", "bigint", "STRING", Value.string("9223372036854775807"), Read.TEXT,
          "9223372036854775807"),
      new Pair("a_float_string", "float", "STRING", Value.string("1.5"), Read.DOUBLE, "1.5"),
      new Pair("a_double_string", "double", "STRING", Value.string("-1.7976931348623157E+308"),
          Read.DOUBLE, "-1.7976931348623157E308"),
      new Pair("a_decimal_string", "decimal(20,5)", "STRING", Value.string("-0.5"), Read.TEXT,
          "-0.50000"),
      new Pair("a_bit_string", "bit(12)", "STRING", Value.string("4095"), Read.NUMBER, "4095"),
      new Pair("a_char_bytes", "char(5)", "BYTES", utf8("abc"), Read.TEXT, "abc"),
      new Pair("a_varchar_bytes", "varchar(20)", "BYTES", utf8("Zo\u00eb"), Read.TEXT, "Zo\u00eb"),
      new Pair("a_tinytext_bytes", "tinytext", "BYTES", utf8("t"), Read.TEXT, "t"),
      new Pair("a_text_bytes", "text", "BYTES", utf8("te"), Read.TEXT, "te"),
      new Pair("a_mediumtext_bytes", "mediumtext", "BYTES", utf8("tex"), Read.TEXT, "tex"),
      new Pair("a_longtext_bytes", "longtext", "BYTES", utf8("text"), Read.TEXT, "text"),
      new Pair("a_set_string", "set('a','b','c')", "STRING", Value.string("b,a"), Read.TEXT, "a,b"),
      new Pair("a_json_bytes", "json", "BYTES", utf8("{\"a\":1}"), Read.JSON, "{\"a\":1}"),
      new Pair("a_binary_string", "binary(4)", "STRING", Value.string("00ff"), Read.HEX, "00FF0000"),
      new Pair("a_varbinary_string", "varbinary(8)", "STRING", Value.string("DEADBEEF"), Read.HEX,
          "DEADBEEF"),
      new Pair("a_tinyblob_string", "tinyblob", "STRING", Value.string("61"), Read.HEX, "61"),
      new Pair("a_blob_string", "blob", "STRING", Value.string("0001"), Read.HEX, "0001"),
      new Pair("a_mediumblob_string", "mediumblob", "STRING", Value.string(""), Read.HEX, ""),
      new Pair("a_longblob_string", "longblob", "STRING", Value.string("00ff00"), Read.HEX, "00FF00"),
      new Pair("a_date_string", "date", "STRING", Value.string("2024-02-29"), Read.TEXT, "2024-02-29"),
      new Pair("a_datetime_string", "datetime(6)", "STRING", Value.string("2024-05-01T10:15:30Z"),
          Read.TEXT, "2024-05-01 10:15:30.000000"),
      new Pair("a_timestamp_string", "timestamp(6) NULL", "STRING",
          Value.string("2024-05-01T10:15:30.25Z"), Read.TEXT, "2024-05-01 10:15:30.250000"));

  @TempDir Path dir;

  @Test
  void shouldReplicateEveryPairOfTheMigrationToolsMappingAndVerifyEqual() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(List.of("CREATE TABLE pairs (id INT64 NOT NULL, "
        + PAIRS.stream().map(p -> p.column() + " " + spannerDdlType(p)).collect(Collectors.joining(", "))
        + ") PRIMARY KEY (id)"));
    MySqlTestDatabase shard = MYSQL.newDatabase();
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE pairs (id BIGINT PRIMARY KEY, "
          + PAIRS.stream().map(p -> p.column() + " " + p.mysqlType()).collect(Collectors.joining(", "))
          + ")");
    }
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    Timestamp start = Timestamp.now();
    Mutation.WriteBuilder values = Mutation.newInsertBuilder("pairs").set("id").to(1L);
    PAIRS.forEach(p -> values.set(p.column()).to(p.value()));
    spanner.write(values.build());
    Timestamp end = spanner.write(Mutation.newInsertBuilder("pairs").set("id").to(2L).build());
    Path shards = Files.writeString(dir.resolve("shards.json"), LaunchIT.shardsJson(Map.of("s1", shard)));
    List<String> target = List.of("--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--sourceShardsFilePath=" + shards);

    RrRun launch = rr(target, "launch", "--runner=direct", "--runIdentifier=pairs",
        "--metadataDatabase=meta" + Long.toHexString(System.nanoTime() % 0xffffffL),
        "--changeStreamName=rrstream", "--startTimestamp=" + start, "--endTimestamp=" + end,
        "--windowDuration=2s", "--bufferDirectory=" + dir.resolve("buffer"));

    assertEquals(ExitCode.OK, launch.exitCode(), launch.out() + launch.err());
    List<String> wrong = new ArrayList<>();
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT " + PAIRS.stream()
            .map(p -> String.format(p.read().expression, p.column())).collect(Collectors.joining(", "))
            + " FROM pairs ORDER BY id")) {
      assertTrue(rows.next(), "row 1 was not replicated\n" + launch.out());
      for (int i = 0; i < PAIRS.size(); i++) {
        Pair pair = PAIRS.get(i);
        String actual = rows.getString(i + 1);
        if (!matches(pair, actual)) {
          wrong.add(pair.column() + " (" + pair.mysqlType() + " <- " + pair.spannerType() + "): "
              + actual + ", expected " + pair.expected());
        }
      }
      assertTrue(rows.next(), "row 2 was not replicated");
      for (int i = 0; i < PAIRS.size(); i++) {
        assertNull(rows.getString(i + 1), PAIRS.get(i).column() + " of the all-NULL row");
      }
    }
    assertEquals(List.of(), wrong, () -> "buffer:\n" + bufferText());
    RrRun verify = rr(target, "verify", "--readTimestamp=" + end);
    assertEquals(ExitCode.OK, verify.exitCode(), verify.out() + verify.err());
    assertTrue(verify.out().contains("EQUAL"), verify.out());
  }

  /** The buffer's files and their records, to tell the reader's part from the writer's. */
  private String bufferText() {
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("buffer"))) {
      StringBuilder text = new StringBuilder();
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        text.append(dir.relativize(file)).append('\n').append(Files.readString(file)).append('\n');
      }
      return text.toString();
    } catch (java.io.IOException e) {
      return "unreadable: " + e;
    }
  }

  private static boolean matches(Pair pair, String actual) {
    if (actual == null) {
      return false;
    }
    return switch (pair.read()) {
      case DOUBLE -> Double.parseDouble(actual) == Double.parseDouble(pair.expected());
      case JSON -> JsonParser.parseString(actual).equals(JsonParser.parseString(pair.expected()));
      default -> actual.equals(pair.expected());
    };
  }

  private static String spannerDdlType(Pair pair) {
    return switch (pair.spannerType()) {
      case "STRING", "BYTES" -> pair.spannerType() + "(MAX)";
      default -> pair.spannerType();
    };
  }

  private static Value bytes(int... values) {
    byte[] raw = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      raw[i] = (byte) values[i];
    }
    return Value.bytes(ByteArray.copyFrom(raw));
  }

  private static Value utf8(String text) {
    return Value.bytes(ByteArray.copyFrom(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static RrRun rr(List<String> target, String command, String... options) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(target);
    args.addAll(List.of(options));
    return RrRun.of(args.toArray(String[]::new));
  }
}
