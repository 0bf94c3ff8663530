package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Session files in each layout the migration tool wrote (common's fixtures/session-variants,
 * with renamed tables and columns) drive a bounded rr launch into MariaDB, and rr verify, given
 * no offset, finds the shard equal to Spanner.
 */
class SessionVariantsLaunchIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  /** The Spanner schema the session-variants fixtures map. */
  static final List<String> SPANNER_DDL = List.of(
      "CREATE TABLE Users (id INT64 NOT NULL, full_name STRING(50), balance NUMERIC,"
          + " created TIMESTAMP) PRIMARY KEY (id)",
      "CREATE TABLE Orders (user_id INT64 NOT NULL, order_id INT64 NOT NULL, amount INT64)"
          + " PRIMARY KEY (user_id, order_id)");
  private static final List<String> MYSQL_DDL = List.of(
      "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(50) CHARACTER SET utf8,"
          + " balance DECIMAL(10,2), created DATETIME)",
      "CREATE TABLE orders (user_id BIGINT NOT NULL, order_id INT NOT NULL,"
          + " amount INT(10) UNSIGNED ZEROFILL, PRIMARY KEY (user_id, order_id))",
      "CREATE TABLE audit (note TEXT)");

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
      "name-keyed.json, 2024-01-01 00:00:00",
      "name-keyed-numbered.json, 2024-01-01 10:00:00", // its TimezoneOffset is +10:00
      "id-keyed.json, 2024-01-01 00:00:00",
      "source-type-as-t.json, 2024-01-01 00:00:00"})
  void shouldReplicateAndVerifyEqualWithEverySessionLayout(String variant, String createdLocal)
      throws Exception {
    SpannerTestDatabase spanner = SPANNER.newDatabase(SPANNER_DDL);
    MySqlTestDatabase shard = MYSQL.newDatabase();
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
      for (String ddl : MYSQL_DDL) {
        statement.execute(ddl);
      }
    }
    ChangeStreamCheck.ensure(spanner.client(), spanner.adminClient(), spanner.instanceId(),
        spanner.databaseId(), "rrstream");
    Timestamp start = Timestamp.now();
    spanner.write(
        Mutation.newInsertBuilder("Users").set("id").to(1L).set("full_name").to("Zo\u00eb")
            .set("balance").to(new BigDecimal("12.34"))
            .set("created").to(Timestamp.parseTimestamp("2024-01-01T00:00:00Z")).build(),
        Mutation.newInsertBuilder("Orders").set("user_id").to(1L).set("order_id").to(7L)
            .set("amount").to(4294967295L).build());
    // The run ends at the last commit: the clock read after it has only millisecond precision
    // and can be before a commit in the same millisecond.
    Timestamp end = spanner.write(Mutation.newUpdateBuilder("Users").set("id").to(1L)
        .set("full_name").to("Zo\u00eb Q").build());
    Path session = Files.writeString(dir.resolve(variant), fixture(variant));
    Path shards = Files.writeString(dir.resolve("shards.json"), LaunchIT.shardsJson(Map.of("s1", shard)));
    List<String> target = List.of("--emulatorHost=" + spanner.emulatorHost(),
        "--spannerProjectId=" + spanner.projectId(), "--instanceId=" + spanner.instanceId(),
        "--databaseId=" + spanner.databaseId(), "--sessionFilePath=" + session,
        "--sourceShardsFilePath=" + shards);

    RrRun launch = rr(target, "launch", "--runner=direct", "--runIdentifier=variants",
        "--metadataDatabase=meta" + Long.toHexString(System.nanoTime() % 0xffffffL),
        "--changeStreamName=rrstream", "--startTimestamp=" + start, "--endTimestamp=" + end,
        "--windowDuration=2s", "--bufferDirectory=" + dir.resolve("buffer"));

    assertEquals(ExitCode.OK, launch.exitCode(), launch.out() + launch.err());
    assertTrue(launch.out().contains("source time zone offset: "
        + (variant.equals("name-keyed-numbered.json") ? "+10:00" : "+00:00")
        + " (the session file's TimezoneOffset)"), launch.out());
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT u.name, u.balance, CAST(u.created AS CHAR),"
            + " o.amount FROM users u JOIN orders o ON o.user_id = u.id")) {
      assertTrue(row.next(), "no replicated row (commits " + start + " to " + end + ")\nbuffer: "
          + bufferFiles() + "\nshard: " + rowCounts(shard) + "\n" + launch.out());
      assertEquals("Zo\u00eb Q", row.getString(1));
      assertEquals(new BigDecimal("12.34"), row.getBigDecimal(2));
      // created is a DATETIME: the writer wrote the instant at the session's offset.
      assertEquals(createdLocal, row.getString(3));
      assertEquals(4294967295L, row.getLong(4));
    }
    // audit is in the session but not in this Spanner database.
    RrRun verify = rr(target, "verify", "--readTimestamp=" + end, "--tables=Users,Orders");
    assertEquals(ExitCode.OK, verify.exitCode(), verify.out() + verify.err());
  }

  private static String rowCounts(MySqlTestDatabase shard) throws Exception {
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement();
        ResultSet counts = statement.executeQuery("SELECT (SELECT COUNT(*) FROM users),"
            + " (SELECT COUNT(*) FROM orders)")) {
      counts.next();
      return "users " + counts.getLong(1) + ", orders " + counts.getLong(2);
    }
  }

  private List<String> bufferFiles() throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("buffer"))) {
      return files.map(path -> dir.relativize(path).toString()).sorted().toList();
    }
  }

  private static RrRun rr(List<String> target, String command, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.addAll(target);
    args.addAll(List.of(options));
    return RrRun.of(args.toArray(String[]::new));
  }

  /** The session-variants fixture {@code variant}'s text. */
  static String fixture(String variant) throws IOException {
    String path = "/fixtures/session-variants/" + variant;
    try (InputStream in = SessionVariantsLaunchIT.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
