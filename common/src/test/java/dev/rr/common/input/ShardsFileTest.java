package dev.rr.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.InputFileException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardsFileTest {
  private static final String FILE = "shards.json";
  private static final SecretResolver SECRETS = uri -> {
    if (uri.equals("projects/p/secrets/mysql/versions/1")) {
      return "from-secret-manager";
    }
    throw new IOException("secret " + uri + " not found");
  };

  private static String shard(String id, String extra) {
    return "{\"logicalShardId\":\"" + id + "\",\"host\":\"10.0.0.1\",\"port\":3306,"
        + "\"user\":\"rr\",\"dbName\":\"shop\"" + extra + "}";
  }

  private static InputFileException invalid(String json) {
    return assertThrows(InputFileException.class, () -> ShardsFile.parse(FILE, json, SECRETS));
  }

  /** The one problem of {@code e}, after checking the message names file, path and value. */
  private static Problem onlyProblem(InputFileException e) {
    assertEquals(1, e.problems().size(), e.getMessage());
    Problem problem = e.problems().get(0);
    assertNames(e, problem.jsonPath(), problem.value());
    return problem;
  }

  private static void assertNames(InputFileException e, String path, String value) {
    assertEquals(FILE, e.file());
    assertTrue(e.getMessage().startsWith(FILE + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(path), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void shouldReadShardsWithPasswordOrSecretAndStringOrNumberPort() {
    String json = "[" + shard("ls1", ",\"password\":\"pw1\",\"ignoredField\":{\"x\":1}") + ","
        + "{\"logicalShardId\":\"ls2\",\"host\":\"db2\",\"port\":\"3307\",\"user\":\"u2\","
        + "\"secretManagerUri\":\"projects/p/secrets/mysql/versions/1\",\"dbName\":\"shop2\","
        + "\"connectionProperties\":{\"useSSL\":false,\"connectTimeout\":5000}}]";

    List<Shard> shards = ShardsFile.parse(FILE, json, SECRETS);

    assertEquals(2, shards.size());
    assertEquals(new Shard("ls1", "10.0.0.1", 3306, "rr", "pw1", "shop", Map.of()),
        shards.get(0));
    Shard second = shards.get(1);
    assertEquals("ls2", second.logicalShardId());
    assertEquals(3307, second.port());
    assertEquals("from-secret-manager", second.password());
    assertEquals(Map.of("useSSL", "false", "connectTimeout", "5000"),
        second.connectionProperties());
    assertEquals("jdbc:mysql://db2:3307/shop2?useSSL=false&connectTimeout=5000",
        second.jdbcUrl());
  }

  @Test
  void shouldAllowEmptyPasswordForLocalRootAccounts() {
    List<Shard> shards =
        ShardsFile.parse(FILE, "[" + shard("ls1", ",\"password\":\"\"") + "]", SECRETS);

    assertEquals("", shards.get(0).password());
  }

  @Test
  void shouldAcceptConnectionPropertiesAsQueryString() {
    List<Shard> shards = ShardsFile.parse(FILE,
        "[" + shard("ls1", ",\"password\":\"p\",\"connectionProperties\":\"useSSL=true&x=a b\"")
            + "]", SECRETS);

    assertEquals(Map.of("useSSL", "true", "x", "a b"), shards.get(0).connectionProperties());
  }

  @Test
  void shouldLoadThroughBeamFileSystems(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("shards.json");
    Files.writeString(file, "[" + shard("ls1", ",\"password\":\"pw\"") + "]",
        StandardCharsets.UTF_8);

    List<Shard> shards = ShardsFile.load(file.toString(), SECRETS);

    assertEquals("ls1", shards.get(0).logicalShardId());
  }

  @Test
  void shouldNameMissingFile(@TempDir Path dir) {
    String path = dir.resolve("nope.json").toString();

    InputFileException e =
        assertThrows(InputFileException.class, () -> ShardsFile.load(path, SECRETS));

    assertEquals(path, e.file());
    assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
  }

  @Test
  void shouldReportMalformedJsonWithLineAndColumn() {
    InputFileException e = invalid("[\n  {\"logicalShardId\": \"ls1\",\n   \"port\": 33 06}\n]");

    assertEquals(FILE, e.file());
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("$[0].port"), e.getMessage());
  }

  @Test
  void shouldRejectTrailingContentAfterTheArray() {
    InputFileException e = invalid("[" + shard("ls1", ",\"password\":\"p\"") + "] extra");

    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
  }

  @Test
  void shouldRejectEmptyArray() {
    InputFileException e = invalid("[]");

    Problem problem = onlyProblem(e);
    assertEquals("$", problem.jsonPath());
    assertEquals("[]", problem.value());
    assertNames(e, "$", "at least one shard");
  }

  @Test
  void shouldRejectAnObjectInsteadOfAnArray() {
    InputFileException e = invalid("{\"logicalShardId\":\"ls1\"}");

    assertEquals("$", onlyProblem(e).jsonPath());
    assertNames(e, "$", "{\"logicalShardId\":\"ls1\"}");
  }

  @Test
  void shouldRejectDuplicateIdsNamingBothEntries() {
    InputFileException e = invalid("[" + shard("ls1", ",\"password\":\"a\"") + ","
        + shard("ls1", ",\"password\":\"b\"") + "]");

    Problem problem = onlyProblem(e);
    assertEquals("$[1].logicalShardId", problem.jsonPath());
    assertEquals("\"ls1\"", problem.value());
    assertTrue(problem.message().contains("$[0].logicalShardId"), problem.message());
  }

  @Test
  void shouldRejectIdWithSlash() {
    InputFileException e = invalid("[" + shard("eu/ls1", ",\"password\":\"a\"") + "]");

    assertEquals("$[0].logicalShardId", onlyProblem(e).jsonPath());
    assertNames(e, "$[0].logicalShardId", "\"eu/ls1\"");
  }

  @Test
  void shouldRejectEmptyId() {
    InputFileException e = invalid("[" + shard("", ",\"password\":\"a\"") + "]");

    assertNames(e, "$[0].logicalShardId", "\"\"");
  }

  @Test
  void shouldRejectMissingPasswordAndSecret() {
    InputFileException e = invalid("[" + shard("ls1", "") + "]");

    Problem problem = onlyProblem(e);
    assertEquals("$[0]", problem.jsonPath());
    assertTrue(problem.message().contains("password or secretManagerUri"), problem.message());
    assertTrue(e.getMessage().contains("\"ls1\""), "value shown: " + e.getMessage());
  }

  @Test
  void shouldRejectBothPasswordAndSecretWithoutShowingThePassword() {
    InputFileException e = invalid("[" + shard("ls1",
        ",\"password\":\"TopSecret1\",\"secretManagerUri\":\"projects/p/secrets/s/versions/1\"")
        + "]");

    Problem problem = onlyProblem(e);
    assertEquals("$[0]", problem.jsonPath());
    assertTrue(problem.message().contains("not both"), problem.message());
    assertFalse(e.getMessage().contains("TopSecret1"), e.getMessage());
  }

  @Test
  void shouldNeverShowPasswordOfWrongType() {
    InputFileException e = invalid("[" + shard("ls1", ",\"password\":12345678") + "]");

    assertEquals("$[0].password", onlyProblem(e).jsonPath());
    assertEquals(Problem.REDACTED, onlyProblem(e).value());
    assertFalse(e.getMessage().contains("12345678"), e.getMessage());
  }

  @Test
  void shouldNeverShowPasswordInAnyProblem() {
    InputFileException e = invalid("[" + shard("ls1", ",\"password\":\"Hunter22\"") + ","
        + shard("ls1", ",\"password\":[\"Hunter33\"],\"nested\":{\"dbPassword\":\"Hunter44\"}")
        + ", {\"password\":\"Hunter55\"}]");

    assertTrue(e.problems().size() > 3, e.getMessage());
    for (String secret : List.of("Hunter22", "Hunter33", "Hunter44", "Hunter55")) {
      assertFalse(e.getMessage().contains(secret), e.getMessage());
    }
  }

  @Test
  void shouldRejectNonNumericPort() {
    assertPortRejected("\"abc\"");
  }

  @Test
  void shouldRejectPortZero() {
    assertPortRejected("0");
  }

  @Test
  void shouldRejectPortAboveRange() {
    assertPortRejected("70000");
  }

  @Test
  void shouldRejectFractionalPort() {
    assertPortRejected("3306.5");
  }

  @Test
  void shouldAcceptPortWrittenAsWholeDecimal() {
    Shard shard = ShardsFile.parse(FILE, "[" + portShard("3306.0") + "]", SECRETS).get(0);

    assertEquals(3306, shard.port());
  }

  private static void assertPortRejected(String port) {
    Problem problem = onlyProblem(invalid("[" + portShard(port) + "]"));

    assertEquals("$[0].port", problem.jsonPath());
    assertEquals(port, problem.value());
    assertTrue(problem.message().contains("1 to 65535"), problem.message());
  }

  private static String portShard(String port) {
    return "{\"logicalShardId\":\"ls1\",\"host\":\"h\",\"port\":" + port
        + ",\"user\":\"u\",\"password\":\"p\",\"dbName\":\"d\"}";
  }

  @Test
  void shouldReportEveryProblemOfTheFileAtOnce() {
    String json = "[{\"logicalShardId\":\"ls1\",\"port\":\"abc\",\"password\":\"p\"},"
        + "{\"logicalShardId\":\"ls2\",\"host\":\"h\",\"port\":1,\"user\":\"u\","
        + "\"dbName\":\"d\"}, 42]";

    InputFileException e = invalid(json);

    List<String> paths = e.problems().stream().map(Problem::jsonPath).toList();
    assertEquals(
        List.of("$[0].host", "$[0].port", "$[0].user", "$[0].dbName", "$[1]", "$[2]"), paths);
    assertEquals(Problem.MISSING, e.problems().get(0).value());
    assertTrue(e.getMessage().contains("6 problems"), e.getMessage());
  }

  @Test
  void shouldRejectCredentialsInConnectionPropertiesWithoutShowingThem() {
    InputFileException e = invalid("[" + shard("ls1",
        ",\"password\":\"p\",\"connectionProperties\":{\"password\":\"Leaked99\"}") + "]");

    assertEquals("$[0].connectionProperties", onlyProblem(e).jsonPath());
    assertFalse(e.getMessage().contains("Leaked99"), e.getMessage());
  }

  @Test
  void shouldNameSecretThatCannotBeResolved() {
    InputFileException e = invalid("[" + shard("ls1",
        ",\"secretManagerUri\":\"projects/p/secrets/other/versions/2\"") + "]");

    Problem problem = onlyProblem(e);
    assertEquals("$[0].secretManagerUri", problem.jsonPath());
    assertEquals("\"projects/p/secrets/other/versions/2\"", problem.value());
    assertTrue(e.getCause() instanceof IOException);
  }

  @Test
  void shouldNotCallResolverWhenTheFileIsInvalid() {
    SecretResolver failing = uri -> {
      throw new AssertionError("resolver called for an invalid file");
    };
    String json = "[" + shard("ls1", ",\"secretManagerUri\":\"projects/p/secrets/s/versions/1\"")
        + "," + shard("ls2", "") + "]";

    assertThrows(InputFileException.class, () -> ShardsFile.parse(FILE, json, failing));
  }

  @Test
  void shouldDefaultPostgresShardToPort5432AndSchemaPublic() {
    String json = "[{\"logicalShardId\":\"pg1\",\"host\":\"db1\",\"user\":\"rr\","
        + "\"password\":\"pw\",\"dbName\":\"shop\"},"
        + "{\"logicalShardId\":\"pg2\",\"host\":\"db2\",\"port\":6432,\"user\":\"rr\","
        + "\"password\":\"pw\",\"dbName\":\"shop\",\"schemaName\":\"sales\"}]";

    List<Shard> shards = ShardsFile.parse(FILE, json, SECRETS, SourceType.POSTGRESQL);

    assertEquals(SourceType.POSTGRESQL, shards.get(0).sourceType());
    assertEquals(5432, shards.get(0).port());
    assertEquals(java.util.Optional.of("public"), shards.get(0).schemaName());
    assertEquals("jdbc:postgresql://db1:5432/shop?currentSchema=public&stringtype=unspecified",
        shards.get(0).jdbcUrl());
    assertEquals(6432, shards.get(1).port());
    assertEquals(java.util.Optional.of("sales"), shards.get(1).schemaName());
  }

  @Test
  void shouldStillRequirePortAndRefuseSchemaNameForMySqlShards() {
    String json = "[{\"logicalShardId\":\"ls1\",\"host\":\"db1\",\"user\":\"rr\","
        + "\"password\":\"pw\",\"dbName\":\"shop\",\"schemaName\":\"public\"}]";

    InputFileException e = invalid(json);

    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("$[0].port"), e.getMessage());
    assertTrue(e.getMessage().contains("$[0].schemaName"), e.getMessage());
    assertTrue(e.getMessage().contains("only for sourceType postgresql"), e.getMessage());
  }

  @Test
  void shouldKeepMySqlUrlAndNoSchemaForMySqlShards() {
    Shard shard = ShardsFile.parse(FILE, "[" + shard("ls1", ",\"password\":\"pw\"") + "]", SECRETS).get(0);

    assertEquals(SourceType.MYSQL, shard.sourceType());
    assertTrue(shard.schemaName().isEmpty());
    assertEquals("jdbc:mysql://10.0.0.1:3306/shop", shard.jdbcUrl());
  }
}
