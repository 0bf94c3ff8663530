package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.ByteArray;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Value;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rr verify} of a real PostgreSQL shard: the server's own renderings (numeric scale,
 * jsonb key order, char padding, real precision, timestamptz zone, array literals) are equal to the Spanner
 * values the writer would have written, and a one-value difference in each column is found.
 */
class VerifierPostgresShardsIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private static final Map<String, String> COLUMNS = Map.ofEntries(
      Map.entry("amount", "NUMERIC"), Map.entry("ratio", "FLOAT64"), Map.entry("doc", "JSON"),
      Map.entry("code", "STRING(MAX)"), Map.entry("blob", "BYTES(MAX)"), Map.entry("ts", "TIMESTAMP"),
      Map.entry("flag", "BOOL"), Map.entry("small", "INT64"), Map.entry("mood", "STRING(MAX)"),
      Map.entry("nums", "ARRAY<NUMERIC>"), Map.entry("times", "ARRAY<TIMESTAMP>"),
      Map.entry("tags", "ARRAY<STRING(MAX)>"));
  private static final List<String> ORDER = List.of("amount", "ratio", "doc", "code", "blob", "ts",
      "flag", "small", "mood", "nums", "times", "tags");

  private static final String INSERT = "INSERT INTO t (id, amount, ratio, doc, code, blob, ts,"
      + " flag, small, mood, nums, times, tags) VALUES (1, 12.30, 0.1, '{\"b\": 1, \"a\": [1, 2]}',"
      + " 'ab', '\\xcafe', '2024-05-01 12:15:30.5+02', true, 7, 'happy', '{1.50,NULL}',"
      + " '{\"2024-05-01 12:15:30.5+02\"}', '{\"a,b\",NULL,\"NULL\"}'), (2, NULL, 'NaN', NULL, NULL,"
      + " NULL, NULL, NULL, NULL, NULL, NULL, '{}', NULL)";

  private static SchemaMapping mapping() {
    IdentitySchemaMapping.Builder builder = IdentitySchemaMapping.builder()
        .spannerColumn("t", "id", SpannerType.of("INT64"))
        .sourceColumn("t", "id", dev.rr.common.schema.SourceType.of("bigint"))
        .sourcePrimaryKey("t", List.of("id"));
    for (String column : ORDER) {
      builder.spannerColumn("t", column, SpannerType.fromInformationSchema(COLUMNS.get(column)))
          // Whatever the mapping says, the live PostgreSQL types decide, as for the writer.
          .sourceColumn("t", column, dev.rr.common.schema.SourceType.of("text"));
    }
    return builder.build();
  }

  private static VerifyReport verify(SpannerTestDatabase spanner, PostgresTestDatabase shard)
      throws Exception {
    return new Verifier(spanner.client(), mapping(), RowRouter.single("pg1"),
        List.of(new ShardDatabase("pg1", shard::connect)),
        new VerifyConfig(Timestamp.now(), List.of("t"), 1, 10, ZoneOffset.UTC),
        SourceType.POSTGRESQL).verify(line -> { });
  }

  /**
   * A column widened on one shard only (the remedy for a value that shard rejected): each shard's
   * values are converted for its own column, as its writer converts them.
   */
  @Test
  void shouldConvertEachShardsValuesForItsOwnColumnTypes() throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(
        "CREATE TABLE w (id INT64 NOT NULL, code STRING(MAX)) PRIMARY KEY (id)");
    String longer = "a value longer than four characters";
    spanner.write(Mutation.newInsertBuilder("w").set("id").to(1L).set("code").to("ab").build(),
        Mutation.newInsertBuilder("w").set("id").to(2L).set("code").to(longer).build());
    PostgresTestDatabase narrow = POSTGRES.newDatabase();
    PostgresTestDatabase widened = POSTGRES.newDatabase();
    for (PostgresTestDatabase shard : List.of(narrow, widened)) {
      try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE w (id bigint PRIMARY KEY, code varchar(4))");
      }
    }
    try (Connection connection = narrow.connect(); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO w VALUES (1, 'ab')");
    }
    try (Connection connection = widened.connect(); Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE w ALTER COLUMN code TYPE varchar(255)");
      statement.execute("INSERT INTO w VALUES (2, '" + longer + "')");
    }

    SchemaMapping mapping = IdentitySchemaMapping.builder()
        .spannerColumn("w", "id", SpannerType.of("INT64"))
        .sourceColumn("w", "id", dev.rr.common.schema.SourceType.of("bigint"))
        .spannerColumn("w", "code", SpannerType.of("STRING"))
        .sourceColumn("w", "code", dev.rr.common.schema.SourceType.of("text"))
        .sourcePrimaryKey("w", List.of("id")).build();
    VerifyReport report = new Verifier(spanner.client(), mapping,
        (table, row) -> Optional.of(row.getLong("id") == 1 ? "narrow" : "widened"),
        List.of(new ShardDatabase("narrow", narrow::connect), new ShardDatabase("widened", widened::connect)),
        new VerifyConfig(Timestamp.now(), List.of("w"), 1, 10, ZoneOffset.UTC),
        SourceType.POSTGRESQL).verify(line -> { });

    assertTrue(report.equal(), report.tables().toString());
    assertEquals(2, report.spannerRows());
  }

  @Test
  void shouldFindServerRenderingsEqualAndEachChangedValueDifferent() throws Exception {
    StringBuilder ddl = new StringBuilder("CREATE TABLE t (id INT64 NOT NULL");
    ORDER.forEach(c -> ddl.append(", ").append(c).append(' ').append(COLUMNS.get(c)));
    SpannerTestDatabase spanner = SPANNER.newDatabase(ddl.append(") PRIMARY KEY (id)").toString());
    spanner.write(Mutation.newInsertBuilder("t").set("id").to(1L)
            .set("amount").to(new BigDecimal("12.3")).set("ratio").to(0.1)
            .set("doc").to(Value.json("{\"a\":[1,2],\"b\":1}")).set("code").to("ab")
            .set("blob").to(ByteArray.copyFrom(new byte[] {(byte) 0xca, (byte) 0xfe}))
            .set("ts").to(Timestamp.parseTimestamp("2024-05-01T10:15:30.5Z"))
            .set("flag").to(true).set("small").to(7L).set("mood").to("happy")
            .set("nums").toNumericArray(java.util.Arrays.asList(new BigDecimal("1.5"), null))
            .set("times").toTimestampArray(List.of(Timestamp.parseTimestamp("2024-05-01T10:15:30.5Z")))
            .set("tags").toStringArray(java.util.Arrays.asList("a,b", null, "NULL")).build(),
        Mutation.newInsertBuilder("t").set("id").to(2L).set("ratio").to(Double.NaN)
            .set("times").toTimestampArray(List.of()).build());
    PostgresTestDatabase shard = POSTGRES.newDatabase();
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
      statement.execute("CREATE TABLE t (id bigint PRIMARY KEY, amount numeric(10,2), ratio real,"
          + " doc jsonb, code character(4), blob bytea, ts timestamptz, flag boolean,"
          + " small smallint, mood mood, nums numeric(6,2)[], times timestamptz[], tags text[])");
      statement.execute(INSERT);
    }

    VerifyReport equal = verify(spanner, shard);

    assertTrue(equal.equal(), equal.tables().toString());
    assertEquals(2, equal.spannerRows());
    List<String> changes = List.of("amount = 12.31", "ratio = 0.2", "doc = '{\"a\": [1], \"b\": 1}'",
        "code = 'ac'", "blob = '\\xcaff'", "ts = ts + interval '1 microsecond'", "flag = false",
        "small = 8", "mood = 'sad'", "nums = '{1.5,0}'", "nums = '{1.5}'",
        "times[1] = times[1] + interval '1 microsecond'", "tags = '{a,b,NULL,NULL}'",
        "tags = '{\"a,b\",NULL,NULL}'");
    for (String change : changes) {
      try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
        statement.execute("DELETE FROM t");
        statement.execute(INSERT);
        statement.execute("UPDATE t SET " + change + " WHERE id = 1");
      }
      VerifyReport report = verify(spanner, shard);
      assertEquals(1, report.different(), change + ": " + report.tables());
    }
  }
}
