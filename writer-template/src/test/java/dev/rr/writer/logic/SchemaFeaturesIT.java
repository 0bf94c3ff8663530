package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.buffer.TimeWindow;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.writer.testing.Fixtures;
import dev.rr.writer.testing.TestBuffer;
import dev.rr.writer.testing.WorkerHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shard ends equal to Spanner on schema features real MySQL schemas have and Spanner
 * accepts: UNIQUE secondary indexes whose values move between rows, padded and case-insensitive
 * key collations, self-referencing foreign keys, cascading foreign keys. Each test writes a few
 * Spanner transactions (as the reader would: mods in key order) and runs a shard worker to the
 * end on a real server.
 */
class SchemaFeaturesIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final SpannerType INT64 = SpannerType.of("INT64");
  private static final SpannerType STRING = SpannerType.of("STRING");

  @TempDir Path bufferDirectory;

  private final List<ChangeRecord> records = new ArrayList<>();
  private int transactions;

  // ---- UNIQUE secondary indexes ----

  private static final String USERS =
      "CREATE TABLE users (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(50) NOT NULL,"
          + " name VARCHAR(50), note VARCHAR(50) NOT NULL DEFAULT 'mysql-only',"
          + " seen DATETIME(6), tag VARBINARY(4), score FLOAT, ratio DOUBLE,"
          + " flags BIT(8), at TIMESTAMP(3) NULL, amount DECIMAL(30,12), kind ENUM('a','b'),"
          + " doc JSON,"
          + " domain VARCHAR(50) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,"
          + " UNIQUE KEY users_email (email))";
  private static final String USER_ROWS = "SELECT id, email, name, note FROM users ORDER BY id";

  private static SchemaMapping users() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("users", "id", INT64)
        .spannerColumn("users", "email", STRING)
        .spannerColumn("users", "name", STRING)
        .sourceColumn("users", "id", SourceType.of("bigint"))
        .sourceColumn("users", "email", SourceType.of("varchar", 50L))
        .sourceColumn("users", "name", SourceType.of("varchar", 50L))
        .sourcePrimaryKey("users", List.of("id"))
        .build();
  }

  @Test
  void shouldKeepANewRowThatTakesTheUniqueValueAnUpdatedRowGivesUp() throws Exception {
    MySqlTestDatabase database = database(USERS
        + ";INSERT INTO users (id, email, name) VALUES (5, 'a@x', 'five')");
    transaction(
        mod("users", ModType.INSERT, "{\"id\":\"3\"}", "{\"email\":\"a@x\",\"name\":\"three\"}"),
        mod("users", ModType.UPDATE, "{\"id\":\"5\"}", "{\"email\":\"b@x\",\"name\":\"five\"}"));

    apply(database, users());

    assertEquals(List.of("3|a@x|three|mysql-only", "5|b@x|five|mysql-only"),
        rows(database, USER_ROWS));
  }

  @Test
  void shouldKeepANewRowThatTakesTheUniqueValueOfARowDeletedInTheSameTransaction()
      throws Exception {
    MySqlTestDatabase database = database(USERS
        + ";INSERT INTO users (id, email, name) VALUES (5, 'a@x', 'five')");
    transaction(
        mod("users", ModType.INSERT, "{\"id\":\"3\"}", "{\"email\":\"a@x\",\"name\":\"three\"}"),
        mod("users", ModType.DELETE, "{\"id\":\"5\"}", "{}"));

    apply(database, users());

    assertEquals(List.of("3|a@x|three|mysql-only"), rows(database, USER_ROWS));
  }

  @Test
  void shouldSwapUniqueValuesOfTwoRowsKeepingTheColumnsTheChangesDoNotCarry() throws Exception {
    MySqlTestDatabase database = database(USERS
        + ";INSERT INTO users (id, email, name, note, seen, tag, score, ratio) VALUES"
        + " (1, 'a@x', 'one', 'n1', '2024-01-02 03:04:05.123456', 0xff00, 1.2345678,"
        + " 0.1 + 0.2), (2, 'b@x', 'two', 'n2', NULL, NULL, NULL, NULL);"
        + "UPDATE users SET flags = b'10100101', at = '2024-02-29 23:59:59.999',"
        + " amount = 12345678.123456789012, kind = 'b', doc = '{\"k\": [1, 2]}' WHERE id = 1");
    String untouched = "SELECT id, CAST(score AS DOUBLE), ratio = 0.1 + 0.2, HEX(flags), at,"
        + " amount, kind, doc FROM users ORDER BY id";
    List<String> before = rows(database, untouched);
    // OLD_AND_NEW_VALUES: an update carries only the columns it changed.
    transaction(
        mod("users", ModType.UPDATE, "{\"id\":\"1\"}", "{\"email\":\"b@x\"}"),
        mod("users", ModType.UPDATE, "{\"id\":\"2\"}", "{\"email\":\"a@x\"}"));
    transaction(
        mod("users", ModType.UPDATE, "{\"id\":\"1\"}", "{\"email\":\"c@x\"}"),
        mod("users", ModType.UPDATE, "{\"id\":\"2\"}", "{\"email\":\"b@x\"}"));

    apply(database, users());

    assertEquals(List.of("1|c@x|one|n1|2024-01-02 03:04:05.123456|FF00|x",
            "2|b@x|two|n2|null|null|x"),
        rows(database, "SELECT id, email, name, note, seen, HEX(tag), domain FROM users"
            + " ORDER BY id"));
    assertEquals(before, rows(database, untouched), "columns no change carries, kept exactly");
  }

  @Test
  void shouldSwapUniqueValuesOfRowsWithACompositeKey() throws Exception {
    MySqlTestDatabase database = database("CREATE TABLE seats (org BIGINT NOT NULL,"
        + " member VARCHAR(10) NOT NULL, slot BIGINT NOT NULL, PRIMARY KEY (org, member),"
        + " UNIQUE KEY seats_slot (org, slot));"
        + "INSERT INTO seats VALUES (1, 'ann', 1), (1, 'bob', 2), (2, 'ann', 1)");
    transaction(
        mod("seats", ModType.UPDATE, "{\"org\":\"1\",\"member\":\"ann\"}", "{\"slot\":\"2\"}"),
        mod("seats", ModType.UPDATE, "{\"org\":\"1\",\"member\":\"bob\"}", "{\"slot\":\"1\"}"),
        mod("seats", ModType.INSERT, "{\"org\":\"2\",\"member\":\"cy\"}", "{\"slot\":\"2\"}"));

    apply(database, IdentitySchemaMapping.builder()
        .spannerColumn("seats", "org", INT64)
        .spannerColumn("seats", "member", STRING)
        .spannerColumn("seats", "slot", INT64)
        .sourceColumn("seats", "org", SourceType.of("bigint"))
        .sourceColumn("seats", "member", SourceType.of("varchar", 10L))
        .sourceColumn("seats", "slot", SourceType.of("bigint"))
        .sourcePrimaryKey("seats", List.of("org", "member"))
        .build());

    assertEquals(List.of("1|ann|2", "1|bob|1", "2|ann|1", "2|cy|2"),
        rows(database, "SELECT * FROM seats ORDER BY org, member"));
  }

  // ---- key collations ----

  private static SchemaMapping keyed(String table) {
    return IdentitySchemaMapping.builder()
        .spannerColumn(table, "k", STRING)
        .spannerColumn(table, "v", STRING)
        .sourceColumn(table, "k", SourceType.of("varchar", 10L))
        .sourceColumn(table, "v", SourceType.of("varchar", 10L))
        .sourcePrimaryKey(table, List.of("k"))
        .build();
  }

  @Test
  void shouldReinsertAPaddedBinaryKeyDeletedByAnEarlierTransactionOfTheSameBatch()
      throws Exception {
    // utf8mb4_bin is PAD SPACE: 'a' and 'a ' are one MySQL key, two Spanner keys.
    MySqlTestDatabase database = database("CREATE TABLE tags (k VARCHAR(10)"
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY, v VARCHAR(10));"
        + "INSERT INTO tags VALUES ('a ', 'old')");
    transaction(mod("tags", ModType.DELETE, "{\"k\":\"a \"}", "{}"));
    transaction(mod("tags", ModType.INSERT, "{\"k\":\"a\"}", "{\"v\":\"new\"}"));

    apply(database, keyed("tags"));

    assertEquals(List.of("a|new"), rows(database, "SELECT * FROM tags"));
  }

  @Test
  void shouldReinsertACaseInsensitiveKeyDeletedByAnEarlierTransactionOfTheSameBatch()
      throws Exception {
    MySqlTestDatabase database = database("CREATE TABLE tags (k VARCHAR(10)"
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL PRIMARY KEY,"
        + " v VARCHAR(10));"
        + "INSERT INTO tags VALUES ('A', 'old')");
    transaction(mod("tags", ModType.DELETE, "{\"k\":\"A\"}", "{}"));
    transaction(mod("tags", ModType.INSERT, "{\"k\":\"a\"}", "{\"v\":\"new\"}"));

    apply(database, keyed("tags"));

    assertEquals(List.of("a|new"), rows(database, "SELECT * FROM tags"));
  }

  // ---- foreign keys ----

  private static final String CATEGORIES =
      "CREATE TABLE categories (id BIGINT NOT NULL PRIMARY KEY, parent_id BIGINT,"
          + " code VARCHAR(10) NOT NULL, UNIQUE KEY categories_code (code),"
          + " FOREIGN KEY (parent_id) REFERENCES categories (id));"
          + "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, category_id BIGINT NOT NULL,"
          + " FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE)";

  private static SchemaMapping categories() {
    return IdentitySchemaMapping.builder()
        .spannerColumn("categories", "id", INT64)
        .spannerColumn("categories", "parent_id", INT64)
        .spannerColumn("categories", "code", STRING)
        .sourceColumn("categories", "id", SourceType.of("bigint"))
        .sourceColumn("categories", "parent_id", SourceType.of("bigint"))
        .sourceColumn("categories", "code", SourceType.of("varchar", 10L))
        .sourcePrimaryKey("categories", List.of("id"))
        .spannerColumn("items", "id", INT64)
        .spannerColumn("items", "category_id", INT64)
        .sourceColumn("items", "id", SourceType.of("bigint"))
        .sourceColumn("items", "category_id", SourceType.of("bigint"))
        .sourcePrimaryKey("items", List.of("id"))
        .build();
  }

  @Test
  void shouldInsertAChildWithTheParentItReferencesInOneTransactionWhateverTheKeyOrder()
      throws Exception {
    MySqlTestDatabase database = database(CATEGORIES);
    transaction(
        mod("categories", ModType.INSERT, "{\"id\":\"1\"}",
            "{\"parent_id\":\"2\",\"code\":\"child\"}"),
        mod("categories", ModType.INSERT, "{\"id\":\"2\"}",
            "{\"parent_id\":null,\"code\":\"root\"}"));

    apply(database, categories());

    assertEquals(List.of("1|2|child", "2|null|root"),
        rows(database, "SELECT * FROM categories ORDER BY id"));
  }

  @Test
  void shouldDeleteAParentAndItsChildInOneTransactionWhateverTheKeyOrder() throws Exception {
    MySqlTestDatabase database = database(CATEGORIES
        + ";INSERT INTO categories VALUES (1, NULL, 'root'), (2, 1, 'child'), (3, NULL, 'x')");
    // Spanner's change stream holds the cascaded delete of the child too.
    transaction(
        mod("categories", ModType.DELETE, "{\"id\":\"1\"}", "{}"),
        mod("categories", ModType.DELETE, "{\"id\":\"2\"}", "{}"));

    apply(database, categories());

    assertEquals(List.of("3|null|x"), rows(database, "SELECT * FROM categories ORDER BY id"));
  }

  @Test
  void shouldKeepTheChildrenOfAParentWhoseUniqueValueChanges() throws Exception {
    MySqlTestDatabase database = database(CATEGORIES
        + ";INSERT INTO categories VALUES (1, NULL, 'root'), (2, 1, 'child');"
        + "INSERT INTO items VALUES (10, 1), (20, 2)");
    transaction(
        mod("categories", ModType.UPDATE, "{\"id\":\"1\"}",
            "{\"parent_id\":null,\"code\":\"child\"}"),
        mod("categories", ModType.UPDATE, "{\"id\":\"2\"}",
            "{\"parent_id\":\"1\",\"code\":\"root\"}"));

    apply(database, categories());

    assertEquals(List.of("1|null|child", "2|1|root"),
        rows(database, "SELECT * FROM categories ORDER BY id"));
    assertEquals(List.of("10|1", "20|2"), rows(database, "SELECT * FROM items ORDER BY id"));
  }

  /**
   * A self-referencing foreign key {@code ON DELETE CASCADE} on both sides (a migrated categories
   * table). Spanner's stream holds a DELETE of every row its cascade removed; the writer applies
   * them itself, with MySQL's checks and so its cascade off: a row MySQL might already have
   * removed is deleted by key again, a no-op, and rewriting a parent never removes its children.
   */
  @Test
  void shouldApplyASelfReferencingCascadeAsSpannerStreamedIt() throws Exception {
    MySqlTestDatabase database = database(
        "CREATE TABLE categories (id BIGINT NOT NULL PRIMARY KEY, parent_id BIGINT,"
            + " code VARCHAR(10) NOT NULL, UNIQUE KEY categories_code (code),"
            + " FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE CASCADE);"
            + "INSERT INTO categories VALUES (1, NULL, 'a'), (2, 1, 'b'), (3, 2, 'c'),"
            + " (4, NULL, 'd'), (5, 4, 'e');"
            + "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, category_id BIGINT NOT NULL)");
    // Deleting 1 cascaded to 2 and 3 in Spanner; 4's code changes (a unique-key rewrite of 4).
    transaction(
        mod("categories", ModType.DELETE, "{\"id\":\"1\"}", "{}"),
        mod("categories", ModType.DELETE, "{\"id\":\"2\"}", "{}"),
        mod("categories", ModType.DELETE, "{\"id\":\"3\"}", "{}"));
    transaction(
        mod("categories", ModType.UPDATE, "{\"id\":\"4\"}", "{\"parent_id\":null,\"code\":\"a\"}"),
        mod("categories", ModType.INSERT, "{\"id\":\"2\"}", "{\"parent_id\":\"4\",\"code\":\"b\"}"));

    apply(database, categories());

    assertEquals(List.of("2|4|b", "4|null|a", "5|4|e"),
        rows(database, "SELECT * FROM categories ORDER BY id"));
  }

  // ---- helpers ----

  private static MySqlTestDatabase database(String script) throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, script);
    }
    return database;
  }

  /** Adds one Spanner transaction of {@code mods}, one second after the previous one. */
  private void transaction(ChangeRecord... mods) {
    Instant at = START.plusSeconds(1 + transactions);
    Timestamp commit = Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), 0);
    String id = "tx" + transactions++;
    for (int m = 0; m < mods.length; m++) {
      ChangeRecord mod = mods[m];
      records.add(ChangeRecord.builder().commitTimestamp(commit).serverTransactionId(id)
          .recordSequence(String.format("%08d", m)).tableName(mod.tableName())
          .modType(mod.modType()).keysJson(mod.keysJson()).newValuesJson(mod.newValuesJson())
          .numberOfRecordsInTransaction(mods.length).shard("s1").build());
    }
  }

  private static ChangeRecord mod(String table, ModType type, String keys, String values) {
    return ChangeRecord.builder().commitTimestamp(Timestamp.MIN_VALUE).serverTransactionId("")
        .tableName(table).modType(type).keysJson(keys).newValuesJson(values).build();
  }

  /** Applies every transaction added so far, as one batch, and expects the worker to finish. */
  private void apply(MySqlTestDatabase database, SchemaMapping schema) throws Exception {
    TestBuffer buffer = new TestBuffer(bufferDirectory);
    List<TimeWindow> windows = buffer.writeWindows("s1", START, WINDOW, records);
    TimeWindow last = windows.get(windows.size() - 1);
    WorkerHarness harness = new WorkerHarness(buffer, schema).start(START).batchSize(1000)
        .end(last.end().minusMillis(1));
    harness.readerProgress.set("s1", last.end());
    ShardWorker worker = harness.worker("s1", database::connect);

    ShardWorker.Outcome outcome = WorkerHarness.runToEnd(worker, Duration.ofSeconds(30));

    assertEquals(ShardWorker.Outcome.DONE, outcome, String.valueOf(harness.progress.row("s1")));
  }

  /** Every row of {@code query}, its columns joined by {@code |}. */
  static List<String> rows(MySqlTestDatabase database, String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          row.add(String.valueOf(result.getString(c)));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
