package dev.rr.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.gson.JsonParser;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.routing.RouteResult;
import dev.rr.common.routing.ShardIdFetcher;
import dev.rr.common.routing.ShardIdFetcherLoadException;
import dev.rr.common.routing.ShardIdFetchers;
import dev.rr.common.routing.ShardIdRequest;
import dev.rr.common.routing.ShardRouter;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.testing.TestJars;
import dev.rr.writer.custom.CustomTransformation;
import dev.rr.writer.custom.CustomTransformations;
import dev.rr.writer.logic.ChangeMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked examples of docs/customization.md and docs/launching.md, as a user would ship them:
 * the sources under {@code examples/} are compiled against this build, packed as jars and loaded
 * with the pipelines' own loaders; the sample input files load and are the ones the guide shows.
 */
class DocsExamplesTest {
  private static final String FETCHER = "com.example.rr.ModuloShardIdFetcher";
  private static final String TRANSFORMATION = "com.example.rr.SplitNameTransformation";

  @TempDir static Path work;
  private static Path root;
  private static Path fetcherJar;
  private static Path transformationJar;
  private static SchemaMapping session;

  @BeforeAll
  static void buildJars() throws IOException {
    root = DocsPages.load().root();
    fetcherJar = TestJars.compileFiles(work.resolve("fetcher"), "custom-shard-fetcher.jar",
        sources("examples/custom-shard-fetcher"), ShardIdFetcher.class);
    transformationJar = TestJars.compileFiles(work.resolve("transformation"),
        "custom-transformation.jar", sources("examples/custom-transformation"),
        ShardIdFetcher.class, CustomTransformation.class);
    session = SessionFile.load(root.resolve("examples/input-files/session.json").toString());
  }

  @Test
  void shouldRouteByCustomerIdModuloTheShardsWithTheExampleFetcher() {
    ShardIdFetcher fetcher = ShardIdFetchers.load(
        fetcherJar.toString(), FETCHER, "column=customer_id;shards=shard1,shard2");
    ShardRouter router =
        new ShardRouter(session, new LinkedHashSet<>(List.of("shard1", "shard2")), fetcher);

    assertEquals(RouteResult.routed("shard2"), router.route(insert("7", "Ada Lovelace")));
    assertEquals(RouteResult.routed("shard1"), router.route(insert("4", "Grace Hopper")));
    assertNull(fetcher.getShardId(new ShardIdRequest("orders", Map.of())).logicalShardId());
  }

  @Test
  void shouldRefuseFetcherParametersWithoutShards() {
    ShardIdFetcherLoadException e = assertThrows(ShardIdFetcherLoadException.class,
        () -> ShardIdFetchers.load(fetcherJar.toString(), FETCHER, "column=customer_id"));

    assertTrue(e.getMessage().contains(FETCHER), e.getMessage());
  }

  @Test
  void shouldWriteFirstAndLastNameFromFullNameWithTheExampleTransformation() {
    CustomTransformation transformation =
        CustomTransformations.load(transformationJar.toString(), TRANSFORMATION, "table=customers");
    MySqlDialect dialect = new MySqlDialect(ZoneOffset.UTC);
    ChangeMapper mapper = new ChangeMapper(session, dialect, transformation, "shard2");

    ChangeMapper.Outcome outcome = mapper.map(insert("7", "Ada Lovelace"));

    MappedChange change = assertInstanceOf(ChangeMapper.Write.class, outcome).change().change();
    assertEquals(Map.of("customer_id", 7L, "email_address", "ada@example.com",
        "first_name", "Ada", "last_name", "Lovelace"), change.values());
    assertTrue(dialect.upsert(change).sql().startsWith("INSERT INTO `customers` (`customer_id`,"
        + " `email_address`, `first_name`, `last_name`) VALUES (?, ?, ?, ?) ON DUPLICATE KEY"
        + " UPDATE"), dialect.upsert(change).sql());
  }

  @Test
  void shouldLeaveDeletesToTheMappingWithTheExampleTransformation() {
    CustomTransformation transformation =
        CustomTransformations.load(transformationJar.toString(), TRANSFORMATION, "");
    ChangeMapper mapper =
        new ChangeMapper(session, new MySqlDialect(ZoneOffset.UTC), transformation, "shard2");
    ChangeRecord delete = record(ModType.DELETE, "7", "{}");

    MappedChange change =
        assertInstanceOf(ChangeMapper.Write.class, mapper.map(delete)).change().change();

    assertTrue(change.isDelete());
    assertEquals(Map.of("customer_id", 7L), change.key());
  }

  @Test
  void shouldLoadTheExampleInputFilesShownInLaunching() throws IOException {
    List<Shard> shards = ShardsFile.load(
        root.resolve("examples/input-files/shards.json").toString(), uri -> "secret-of-" + uri);

    assertEquals(List.of("shard1", "shard2"), shards.stream().map(Shard::logicalShardId).toList());
    assertTrue(shards.get(1).jdbcUrl().contains("sslMode=REQUIRED"), shards.get(1).jdbcUrl());
    assertEquals(List.of("customers"), List.copyOf(session.spannerTables()));
    String launching = Files.readString(root.resolve("docs/launching.md"), StandardCharsets.UTF_8);
    for (String example : List.of("shards.json", "session.json")) {
      String file = Files.readString(root.resolve("examples/input-files/" + example));
      assertTrue(jsonBlocks(launching).contains(JsonParser.parseString(file)),
          "docs/launching.md must show examples/input-files/" + example + " as it is");
    }
  }

  private static ChangeRecord insert(String customerId, String fullName) {
    return record(ModType.INSERT, customerId, "{\"full_name\":\"" + fullName + "\","
        + "\"email\":\"ada@example.com\",\"migration_shard_id\":\"shard1\"}");
  }

  private static ChangeRecord record(ModType type, String customerId, String newValues) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.parseTimestamp("2024-05-01T10:00:00Z"))
        .serverTransactionId("tx1")
        .recordSequence("00000000")
        .tableName("customers")
        .modType(type)
        .keysJson("{\"customer_id\":\"" + customerId + "\"}")
        .oldValuesJson("{}")
        .newValuesJson(newValues)
        .numberOfRecordsInTransaction(1)
        .transactionTag("")
        .build();
  }

  private static List<Path> sources(String example) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve(example).resolve("src/main/java"))) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** The fenced ```json blocks of a page, parsed. */
  private static List<Object> jsonBlocks(String page) {
    List<Object> blocks = new java.util.ArrayList<>();
    String[] parts = page.split("```json\n");
    for (int i = 1; i < parts.length; i++) {
      blocks.add(JsonParser.parseString(parts[i].substring(0, parts[i].indexOf("```"))));
    }
    return blocks;
  }
}
