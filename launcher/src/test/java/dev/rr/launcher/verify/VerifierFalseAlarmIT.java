package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.ByteArray;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Value;
import dev.rr.common.input.IdentitySchemaMappings;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * rr verify on a shard that holds exactly what the writer writes for each Spanner value: the
 * spellings the server and the change stream give the same data (a double's exponent, a
 * timestamp's zone letter, a YEAR, a SET's order, bytes padded or held as hex text, a float's
 * digits, a char's padding) are no difference, and a real difference is still reported.
 */
class VerifierFalseAlarmIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  SpannerTestDatabase spanner;
  MySqlTestDatabase shard;
  Timestamp written;

  @BeforeEach
  void writeBothSidesAsTheWriterWould() throws Exception {
    spanner = SPANNER.newDatabase(List.of("CREATE TABLE alarms (id INT64 NOT NULL,"
        + " dbl STRING(MAX), stamp TIMESTAMP, yr STRING(MAX), members ARRAY<STRING(MAX)>,"
        + " hex STRING(MAX), fixed BYTES(MAX), fl FLOAT64, code STRING(MAX)) PRIMARY KEY (id)"));
    shard = MYSQL.newDatabase();
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE alarms (id BIGINT PRIMARY KEY, dbl DOUBLE,"
          + " stamp VARCHAR(40), yr YEAR, members SET('a','b','c'), hex BINARY(4),"
          + " fixed BINARY(4), fl FLOAT, code CHAR(5))");
      statement.execute("INSERT INTO alarms VALUES (1, -1.7976931348623157e308,"
          + " '2024-05-01T10:15:30.5Z', 2024, 'c,a', 0x00FF, 0x0102, 3.1415927, 'ab  ')");
    }
    written = spanner.write(Mutation.newInsertBuilder("alarms").set("id").to(1L)
        .set("dbl").to("-1.7976931348623157E+308")
        .set("stamp").to(Timestamp.parseTimestamp("2024-05-01T10:15:30.500Z"))
        .set("yr").to("2024")
        .set("members").toStringArray(List.of("c", "a"))
        .set("hex").to("00ff")
        .set("fixed").to(ByteArray.copyFrom(new byte[] {1, 2}))
        .set("fl").to(3.1415927)
        .set("code").to("ab  ")
        .build());
  }

  VerifyReport verify() throws Exception {
    SchemaMapping mapping;
    try (Connection connection = shard.connect()) {
      mapping = IdentitySchemaMappings.fromDatabases(spanner.client(), connection);
    }
    return new Verifier(spanner.client(), mapping, RowRouter.single("s1"),
        List.of(new ShardDatabase("s1", shard::connect)),
        new VerifyConfig(Timestamp.now(), List.of(), 100, 10, ZoneOffset.UTC)).verify(line -> { });
  }

  @Test
  void shouldFindEqualWhatTheServerSpellsDifferently() throws Exception {
    VerifyReport report = verify();

    assertTrue(report.equal(), () -> VerifierIT.print(report));
    assertEquals(1, report.spannerRows());
  }

  @Test
  void shouldStillReportARealDifferenceInEachSuchColumn() throws Exception {
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
      statement.execute("UPDATE alarms SET dbl = -1.7976931348623155e308, members = 'a',"
          + " hex = 0x00FE, yr = 2025 WHERE id = 1");
    }

    VerifyReport report = verify();

    assertEquals(1, report.different(), () -> VerifierIT.print(report));
    String example = report.tables().get(0).examples().toString();
    for (String column : List.of("dbl", "members", "hex", "yr")) {
      assertTrue(example.contains(column + ": spanner="), example);
    }
    for (String column : List.of("stamp", "fixed", "fl", "code")) {
      assertTrue(!example.contains(column + ": spanner="), example);
    }
  }

  @Test
  void shouldReportASpannerValueTheWriterCannotWriteAsADifference() throws Exception {
    spanner.write(Mutation.newUpdateBuilder("alarms").set("id").to(1L).set("hex").to("not hex")
        .build());

    VerifyReport report = verify();

    assertEquals(1, report.different(), () -> VerifierIT.print(report));
    assertTrue(report.tables().get(0).examples().toString().contains("not hexadecimal text"),
        () -> VerifierIT.print(report));
  }
}
