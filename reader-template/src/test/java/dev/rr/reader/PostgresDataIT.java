package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.ByteArray;
import com.google.cloud.Date;
import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Value;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MySqlValueConverter;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.reader.dao.SpannerSchemaReader;
import dev.rr.reader.dofn.AssignShardFn;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded reader runs on a PostgreSQL-dialect data database: deletes under {@code NEW_ROW} are
 * routed by the row read just before them (the table's schema read from {@code
 * information_schema} in schema {@code public}, its PostgreSQL types mapped onto Spanner's), and
 * without a session file the identity mapping covers the database's tables. The records carry
 * values the writer converts for MySQL like GoogleSQL ones.
 */
class PostgresDataIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  static final String ORDERS =
      "CREATE TABLE orders (id bigint NOT NULL PRIMARY KEY,"
          + " migration_shard_id character varying, amount bigint, note character varying)";
  static final String CHANGE_STREAM =
      "CREATE CHANGE STREAM cs FOR ALL WITH (value_capture_type = 'NEW_ROW')";
  /** A key of every PostgreSQL type a key may have, and the other types as plain columns. */
  static final String EVENTS =
      "CREATE TABLE events (k_id bigint NOT NULL, k_name character varying(20) NOT NULL,"
          + " k_day date NOT NULL, k_at timestamp with time zone NOT NULL, k_bin bytea NOT NULL,"
          + " k_flag boolean NOT NULL, k_ratio double precision NOT NULL, amount bigint,"
          + " price numeric, doc jsonb, tags bigint[], names character varying[], score real,"
          + " prices numeric[], docs jsonb[],"
          + " PRIMARY KEY (k_id, k_name, k_day, k_at, k_bin, k_flag, k_ratio))";

  /** The MySQL column type each events column would be written to. */
  static final Map<String, SourceType> MYSQL_TYPES = Map.ofEntries(
      Map.entry("k_id", SourceType.of("bigint")),
      Map.entry("k_name", SourceType.of("varchar", 20L)),
      Map.entry("k_day", SourceType.of("date")),
      Map.entry("k_at", SourceType.of("datetime", 6L)),
      Map.entry("k_bin", SourceType.of("varbinary", 3L)),
      Map.entry("k_flag", SourceType.of("tinyint", 1L)),
      Map.entry("k_ratio", SourceType.of("double")),
      Map.entry("amount", SourceType.of("bigint")),
      Map.entry("price", SourceType.of("decimal", 20L, 6L)),
      Map.entry("doc", SourceType.of("json")),
      Map.entry("tags", SourceType.of("json")),
      Map.entry("names", SourceType.of("json")),
      Map.entry("score", SourceType.of("float")),
      Map.entry("prices", SourceType.of("json")),
      Map.entry("docs", SourceType.of("json")));
  /** What the writer would bind for {@code event(1, 10)}: the values written, nothing lost. */
  static final Map<String, String> EXPECTED_MYSQL_VALUES = Map.ofEntries(
      Map.entry("k_id", "1"),
      Map.entry("k_name", "name-1"),
      Map.entry("k_day", "2024-02-29"),
      Map.entry("k_at", "2023-11-14T22:13:21"),
      Map.entry("k_bin", "hex:0001ff"),
      Map.entry("k_flag", "0"),
      Map.entry("k_ratio", "1.25"),
      Map.entry("amount", "10"),
      Map.entry("price", "12345.678901"),
      // jsonb keeps its own canonical spelling.
      Map.entry("doc", "{\"a\": [1, 2], \"b\": \"x\"}"),
      Map.entry("tags", "[1,7]"),
      Map.entry("names", "[\"a\",\"b\"]"),
      Map.entry("score", "1.5"),
      Map.entry("prices", "[1.5,-2]"),
      Map.entry("docs", "[{\"k\":1}]"));

  @TempDir Path work;

  @AfterEach
  void dropDatabases() {
    ReaderRunFixture.dropDatabases();
  }

  private static long lookups(PipelineResult result) {
    return PipelineCounters.sum(result, AssignShardFn.class, AssignShardFn.ROW_LOOKUPS);
  }

  static Mutation order(long id, String shard, long amount) {
    return Mutation.newInsertOrUpdateBuilder("orders").set("id").to(id)
        .set("migration_shard_id").to(shard).set("amount").to(amount).build();
  }

  static String key(long id) {
    return "{\"id\":\"" + id + "\"}";
  }

  @Test
  void shouldRouteEveryNewRowDeleteToItsShardBySessionShardIdColumn() throws Exception {
    ReaderRunFixture run = ReaderRunFixture.postgres(spanner, work, List.of("shardA", "shardB"),
        ORDERS, CHANGE_STREAM);
    Timestamp t1 = run.data.write(order(1, "shardA", 10), order(2, "shardB", 20),
        order(3, "shardA", 30), order(4, "shardB", 40));
    for (long id = 1; id <= 4; id++) {
      run.expect(id % 2 == 1 ? "shardA" : "shardB", "orders", ModType.INSERT, key(id),
          id % 2 == 1 ? "shardA" : "shardB", t1);
    }
    // NEW_ROW: a delete carries no row image; each is routed by the row read just before it.
    Timestamp t2 = run.data.write(Mutation.delete("orders", Key.of(1)),
        Mutation.delete("orders", Key.of(2)));
    Timestamp t3 = run.data.write(Mutation.delete("orders", Key.of(3)));
    Timestamp t4 = run.data.write(Mutation.delete("orders", Key.of(4)));
    run.expect("shardA", "orders", ModType.DELETE, key(1), "shardA", t2);
    run.expect("shardB", "orders", ModType.DELETE, key(2), "shardB", t2);
    run.expect("shardA", "orders", ModType.DELETE, key(3), "shardA", t3);
    run.expect("shardB", "orders", ModType.DELETE, key(4), "shardB", t4);

    ReaderConfig config = run.config("pgrouting", "10s", t4)
        .sessionFilePath(ReaderRunFixture.resource("/sessions/orders-sharded-session.json"))
        .build();
    PipelineResult result = ReaderPipeline.run(config, ReaderRunFixture.directOptions());
    result.waitUntilFinish();

    assertEquals(run.expectedFiles(Duration.ofSeconds(10)), run.actualFiles());
    assertEquals(4, lookups(result));
  }

  static Mutation event(long id, long amount) {
    return Mutation.newInsertBuilder("events")
        .set("k_id").to(id)
        .set("k_name").to("name-" + id)
        .set("k_day").to(Date.fromYearMonthDay(2024, 2, 29))
        .set("k_at").to(keyTime(id))
        .set("k_bin").to(ByteArray.copyFrom(new byte[] {0, (byte) id, (byte) 0xff}))
        .set("k_flag").to(id % 2 == 0)
        .set("k_ratio").to(id + 0.25)
        .set("amount").to(amount)
        .set("price").to(Value.pgNumeric("12345.678901"))
        .set("doc").to(Value.pgJsonb("{\"a\":[1,2],\"b\":\"x\"}"))
        .set("tags").toInt64Array(new long[] {id, 7})
        .set("names").toStringArray(List.of("a", "b"))
        .set("score").to(1.5f)
        .set("prices").to(Value.pgNumericArray(List.of("1.5", "-2")))
        .set("docs").to(Value.pgJsonbArray(List.of("{\"k\":1}")))
        .build();
  }

  /**
   * Whole seconds: the emulator's change streams (either dialect) drop a timestamp's fraction
   * from keys JSON, so a key with one could not be read back there.
   */
  static Timestamp keyTime(long id) {
    return Timestamp.ofTimeSecondsAndNanos(1_700_000_000L + id, 0);
  }

  static Key eventKey(long id) {
    return Key.of(id, "name-" + id, Date.fromYearMonthDay(2024, 2, 29),
        keyTime(id),
        ByteArray.copyFrom(new byte[] {0, (byte) id, (byte) 0xff}), id % 2 == 0, id + 0.25);
  }

  @Test
  void shouldRouteDeletesOfEveryPostgresKeyTypeWithIdentityMappingAndACustomFetcher()
      throws Exception {
    Path jar = FetcherJar.build(work.resolve("jar"));
    ReaderRunFixture run = ReaderRunFixture.postgres(spanner, work, List.of("shardA", "shardB"),
        EVENTS, CHANGE_STREAM);
    // The fetcher routes by amount: even to shardA, odd to shardB.
    Timestamp t1 = run.data.write(event(1, 10), event(2, 21));
    Timestamp t2 = run.data.write(Mutation.delete("events", eventKey(1)));
    Timestamp t3 = run.data.write(Mutation.delete("events", eventKey(2)));

    ReaderConfig config = run.config("pgidentity", "10s", t3)
        .shardingCustomJarPath(jar.toString())
        .shardingCustomClassName(FetcherJar.CLASS_NAME)
        .shardingCustomParameters("shardA,shardB")
        .build();
    PipelineResult result = ReaderPipeline.run(config, ReaderRunFixture.directOptions());
    result.waitUntilFinish();

    assertEquals(
        Map.of("shardA", List.of("INSERT k_id=1 @" + t1, "DELETE k_id=1 @" + t2),
            "shardB", List.of("INSERT k_id=2 @" + t1, "DELETE k_id=2 @" + t3)),
        byDirectory(run));
    assertEquals(2, lookups(result));
  }


  @Test
  void shouldWriteRecordsWhoseValuesTheWriterConvertsForEveryPostgresType() throws Exception {
    ReaderRunFixture run = ReaderRunFixture.postgres(spanner, work, List.of("only"),
        EVENTS, CHANGE_STREAM);
    Timestamp t1 = run.data.write(event(1, 10));

    ReaderConfig config = run.config("pgvalues", "10s", t1).build();
    ReaderPipeline.run(config, ReaderRunFixture.directOptions()).waitUntilFinish();

    List<ChangeRecord> records = BufferFiles.read(run.buffer).values().stream()
        .flatMap(List::stream).toList();
    assertEquals(1, records.size());
    ChangeRecord insert = records.get(0);
    assertEquals("only", insert.shard());
    Map<String, SpannerType> types =
        SpannerSchemaReader.readAll(run.data.client()).get("events").columns();
    JsonObject values = JsonParser.parseString(insert.newValuesJson()).getAsJsonObject();
    JsonParser.parseString(insert.keysJson()).getAsJsonObject().entrySet()
        .forEach(e -> values.add(e.getKey(), e.getValue()));
    Map<String, String> converted = new TreeMap<>();
    MySqlValueConverter converter = new MySqlValueConverter();
    MYSQL_TYPES.forEach((column, mysqlType) -> converted.put(column, show(
        converter.convert("events", new ColumnMapping(column, types.get(column), column,
            mysqlType), values.get(column)))));
    assertEquals(EXPECTED_MYSQL_VALUES, converted);
  }

  private static String show(Object value) {
    return value instanceof byte[] bytes ? "hex:" + HexFormat.of().formatHex(bytes)
        : String.valueOf(value);
  }

  /** Per buffer directory, its records in file order as "change k_id=... @commit". */
  private static Map<String, List<String>> byDirectory(ReaderRunFixture run) {
    Map<String, List<String>> directories = new TreeMap<>();
    BufferFiles.read(run.buffer).forEach((path, records) -> records.forEach(record ->
        directories.computeIfAbsent(Path.of(path).getName(0).toString(), d -> new ArrayList<>())
            .add(record.modType() + " k_id="
                + JsonParser.parseString(record.keysJson()).getAsJsonObject().get("k_id")
                    .getAsString()
                + " @" + record.commitTimestamp())));
    return directories;
  }
}
