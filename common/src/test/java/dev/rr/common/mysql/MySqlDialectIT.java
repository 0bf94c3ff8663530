package dev.rr.common.mysql;

import static dev.rr.common.mysql.Types.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.Timestamp;
import dev.rr.common.input.SessionFile;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Statements built by the dialect, executed on a real server. */
class MySqlDialectIT {

  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();
  private final MySqlDialect dialect = new MySqlDialect();
  private MySqlTestDatabase database;

  @BeforeEach
  void newDatabase() {
    database = mysql.newDatabase();
  }

  @Test
  void shouldReplayInterleaveChangesAndDeleteTheChildByItsSourceKey() throws SQLException {
    SchemaMapping schema =
        SessionFile.parse("session.json", resource("/fixtures/interleave/session.json"));
    TableMapping parent2 = schema.forSpannerTable("parent2").orElseThrow();
    TableMapping child21 = schema.forSpannerTable("child21").orElseThrow();
    try (Connection c = database.connect()) {
      for (String ddl : resource("/fixtures/interleave/mysql-schema.sql").split(";")) {
        if (!ddl.isBlank()) {
          execute(c, ddl);
        }
      }
      apply(c, dialect.statement(record("parent2", ModType.INSERT, "{\"id\":\"2\"}", "{\"update_ts\":null}"), parent2));
      apply(c, dialect.statement(record("child21", ModType.INSERT, "{\"id\":\"2\",\"child_id\":\"21\"}",
          "{\"update_ts\":\"2024-06-01T10:00:00Z\"}"), child21));

      assertEquals("2", query(c, "SELECT parent_id FROM child21 WHERE child_id = 21"));
      assertEquals("2024-06-01 10:00:00", query(c, "SELECT CAST(update_ts AS CHAR) FROM child21"));
      assertNotNull(query(c, "SELECT in_ts FROM child21"), "in_ts was absent: its default applies");

      apply(c, dialect.statement(record("child21", ModType.DELETE, "{\"id\":\"2\",\"child_id\":\"21\"}", "{}"), child21));
      apply(c, dialect.statement(record("parent2", ModType.DELETE, "{\"id\":\"2\"}", "{}"), parent2));
      assertEquals("0", query(c, "SELECT COUNT(*) FROM child21"));
      assertEquals("0", query(c, "SELECT COUNT(*) FROM parent2"));

      SQLException outOfOrder =
          assertThrows(
              SQLException.class,
              () -> apply(c, dialect.statement(record("child21", ModType.INSERT,
                  "{\"id\":\"3\",\"child_id\":\"31\"}", "{}"), child21)));
      assertEquals(1452, outOfOrder.getErrorCode());
      assertEquals(ErrorClass.PERMANENT, MySqlErrorClassifier.classify(outOfOrder));
    }
  }

  @Test
  void shouldWriteTablesAndColumnsNamedWithReservedWords() throws SQLException {
    TableMapping order =
        new TableMapping(
            "Orders",
            "order",
            List.of(
                column("Id", "INT64", "select", "bigint"),
                column("Name", "STRING", "from", "varchar(20)"),
                column("Odd", "STRING", "we`ird", "text")),
            List.of("select"),
            null);
    try (Connection c = database.connect()) {
      execute(c, "CREATE TABLE `order` (`select` BIGINT PRIMARY KEY, `from` VARCHAR(20),"
          + " `we``ird` TEXT, `status` VARCHAR(10) NOT NULL DEFAULT 'new')");
      apply(c, dialect.statement(record("Orders", ModType.INSERT, "{\"Id\":\"1\"}", "{\"Name\":\"a\"}"), order));
      execute(c, "UPDATE `order` SET `status` = 'paid'");
      apply(c, dialect.statement(record("Orders", ModType.UPDATE, "{\"Id\":\"1\"}", "{\"Odd\":\"it's `odd`\"}"), order));

      assertEquals("a|it's `odd`|paid", query(c, "SELECT CONCAT_WS('|', `from`, `we``ird`, `status`) FROM `order`"));
      apply(c, dialect.statement(record("Orders", ModType.DELETE, "{\"Id\":\"1\"}", "{}"), order));
      assertEquals("0", query(c, "SELECT COUNT(*) FROM `order`"));
    }
  }

  @Test
  void shouldUpsertAKeyOnlyTableRepeatedly() throws SQLException {
    TableMapping tags =
        new TableMapping(
            "Tags", "tags",
            List.of(column("post", "INT64", "bigint"), column("tag", "STRING", "varchar(20)")),
            List.of("post", "tag"), null);
    try (Connection c = database.connect()) {
      execute(c, "CREATE TABLE tags (post BIGINT, tag VARCHAR(20), PRIMARY KEY (post, tag))");
      for (int i = 0; i < 2; i++) {
        apply(c, dialect.statement(record("Tags", ModType.INSERT, "{\"post\":\"1\",\"tag\":\"select\"}", "{}"), tags));
      }
      assertEquals("1", query(c, "SELECT COUNT(*) FROM tags"));
      MappedChange a = dialect.map(record("Tags", ModType.INSERT, "{\"post\":\"2\",\"tag\":\"a\"}", "{}"), tags);
      MappedChange b = dialect.map(record("Tags", ModType.INSERT, "{\"post\":\"2\",\"tag\":\"b\"}", "{}"), tags);
      apply(c, dialect.upsertBatch(List.of(a, b, a)));
      assertEquals("3", query(c, "SELECT COUNT(*) FROM tags"));
      apply(c, dialect.deleteBatch(List.of(
          dialect.map(record("Tags", ModType.DELETE, "{\"post\":\"2\",\"tag\":\"a\"}", "{}"), tags),
          dialect.map(record("Tags", ModType.DELETE, "{\"post\":\"1\",\"tag\":\"select\"}", "{}"), tags))));
      assertEquals("2:b", query(c, "SELECT GROUP_CONCAT(CONCAT(post, ':', tag)) FROM tags"));
    }
  }

  @Test
  void shouldApplyMultiRowUpsertsAndDeletesInOneTransaction() throws SQLException {
    TableMapping items =
        new TableMapping(
            "Items", "items",
            List.of(
                column("shop", "STRING", "varchar(10)"),
                column("id", "INT64", "bigint"),
                column("qty", "INT64", "int"),
                column("price", "NUMERIC", "decimal(10,2)")),
            List.of("shop", "id"), null);
    try (Connection c = database.connect()) {
      execute(c, "CREATE TABLE items (shop VARCHAR(10), id BIGINT, qty INT, price DECIMAL(10,2),"
          + " PRIMARY KEY (shop, id))");
      c.setAutoCommit(false);
      List<MappedChange> inserts = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        inserts.add(dialect.map(record("Items", ModType.INSERT, key(i), "{\"qty\":\"1\",\"price\":\"9.99\"}"), items));
      }
      apply(c, dialect.upsertBatch(inserts));
      List<MappedChange> updates = new ArrayList<>();
      for (int i = 0; i < 1000; i += 2) {
        updates.add(dialect.map(record("Items", ModType.UPDATE, key(i), "{\"qty\":\"" + i + "\"}"), items));
      }
      updates.add(dialect.map(record("Items", ModType.UPDATE, key(0), "{\"qty\":\"-1\"}"), items));
      apply(c, dialect.upsertBatch(updates));
      List<MappedChange> deletes = new ArrayList<>();
      for (int i = 1; i < 1000; i += 2) {
        deletes.add(dialect.map(record("Items", ModType.DELETE, key(i), "{}"), items));
      }
      apply(c, dialect.deleteBatch(deletes));
      c.commit();

      assertEquals("500", query(c, "SELECT COUNT(*) FROM items"));
      assertEquals("-1", query(c, "SELECT qty FROM items WHERE shop = 's0' AND id = 0"));
      assertEquals("998|9.99", query(c, "SELECT CONCAT(qty, '|', price) FROM items WHERE shop = 's8' AND id = 998"));
    }
  }

  @Test
  void shouldReachTheSameRowThroughMergedChangesAsThroughEachChange() throws SQLException {
    TableMapping users =
        new TableMapping(
            "Users", "users",
            List.of(column("id", "INT64", "bigint"), column("name", "STRING", "varchar(20)"),
                column("email", "STRING", "varchar(40)")),
            List.of("id"), null);
    List<ChangeRecord> history =
        List.of(
            record("Users", ModType.INSERT, "{\"id\":\"1\"}", "{\"name\":\"a\",\"email\":\"a@x\"}"),
            record("Users", ModType.UPDATE, "{\"id\":\"1\"}", "{\"email\":null}"),
            record("Users", ModType.UPDATE, "{\"id\":\"1\"}", "{\"name\":\"b\"}"));
    try (Connection c = database.connect()) {
      execute(c, "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(20), email VARCHAR(40))");
      MappedChange merged = dialect.map(history.get(0), users);
      for (ChangeRecord next : history.subList(1, history.size())) {
        merged = merged.then(dialect.map(next, users)).orElseThrow();
      }
      apply(c, dialect.upsert(merged));
      String mergedRow = query(c, "SELECT CONCAT_WS('|', id, name, IFNULL(email, 'NULL')) FROM users");
      execute(c, "DELETE FROM users");
      for (ChangeRecord change : history) {
        apply(c, dialect.statement(change, users));
      }
      assertEquals("1|b|NULL", mergedRow);
      assertEquals(mergedRow, query(c, "SELECT CONCAT_WS('|', id, name, IFNULL(email, 'NULL')) FROM users"));
    }
  }

  private static String key(int i) {
    return "{\"shop\":\"s" + (i % 10) + "\",\"id\":\"" + i + "\"}";
  }

  private static ChangeRecord record(String table, ModType type, String keys, String values) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1_700_000_000, 0))
        .serverTransactionId("tx")
        .tableName(table)
        .modType(type)
        .keysJson(keys)
        .newValuesJson(type == ModType.DELETE ? "{}" : values)
        .build();
  }

  private static void apply(Connection c, SqlStatement sql) throws SQLException {
    try (PreparedStatement statement = sql.prepare(c)) {
      statement.executeUpdate();
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static String resource(String path) {
    try (InputStream in = MySqlDialectIT.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(path, e);
    }
  }
}
