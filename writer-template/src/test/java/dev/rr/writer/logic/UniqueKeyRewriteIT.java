package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.writer.testing.Fixtures;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The unique-key rewrite alone, on a real server: what it reads, deletes and inserts. */
class UniqueKeyRewriteIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final MySqlDialect DIALECT = new MySqlDialect();
  private static final TableMapping USERS = new TableMapping("users", "users", List.of(
      new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("bigint")),
      new ColumnMapping("email", SpannerType.of("STRING"), "email", SourceType.of("varchar", 20L))),
      List.of("id"), null);

  private static RowChange change(ModType type, long id, String values) {
    ChangeRecord record = ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1000, 0)).serverTransactionId("tx")
        .tableName("users").modType(type).keysJson("{\"id\":\"" + id + "\"}")
        .newValuesJson(values).build();
    return RowChange.of(DIALECT.map(record, USERS), record);
  }

  @Test
  void shouldDeleteTheRowsThatExistAndInsertEveryFinalImageOverlaidOnTheRowRead()
      throws Exception {
    MySqlTestDatabase database = mysql.newDatabase();
    try (Connection connection = database.connect()) {
      Fixtures.execute(connection, "CREATE TABLE users (id BIGINT PRIMARY KEY,"
          + " email VARCHAR(20) NOT NULL UNIQUE, note VARCHAR(20));"
          + "INSERT INTO users VALUES (1, 'a@x', 'kept'), (2, 'b@x', NULL)");
      SourceConstraints constraints = SourceConstraints.load(connection);
      ChangeBatch batch = ChangeBatch.ofTransaction(constraints, List.of(
          change(ModType.UPDATE, 1, "{\"email\":\"b@x\"}"),
          change(ModType.UPDATE, 2, "{\"email\":\"a@x\"}"),
          change(ModType.INSERT, 3, "{\"email\":\"c@x\"}"),
          change(ModType.DELETE, 4, "{}")), 4);
      ChangeBatch.TableChanges users = batch.tablesForUpserts().get(0);

      List<BatchStatements.Statement> statements =
          new UniqueKeyRewrite(new BatchStatements(DIALECT, 100)).statements(connection, users,
              constraints.uniqueTableColumns("users").orElseThrow());

      assertEquals(List.of(
              "DELETE FROM `users` WHERE `id` IN (?, ?)",
              "INSERT INTO `users` (`id`, `email`, `note`) VALUES (?, ?, ?), (?, ?, ?)",
              "INSERT INTO `users` (`id`, `email`) VALUES (?, ?)"),
          statements.stream().map(s -> s.statement().sql()).toList());
      assertEquals(List.of(1L, 2L), statements.get(0).statement().params());
      assertEquals(Arrays.asList("1", "b@x", "kept", "2", "a@x", null),
          statements.get(1).statement().params().stream()
              .map(v -> v == null ? null : v.toString()).toList());
      connection.setAutoCommit(false);
      for (BatchStatements.Statement statement : statements) {
        try (var prepared = statement.statement().prepare(connection)) {
          prepared.executeUpdate();
        }
      }
      connection.commit();
      assertEquals(List.of("1|b@x|kept", "2|a@x|null", "3|c@x|null"),
          SchemaFeaturesIT.rows(database, "SELECT * FROM users ORDER BY id"));
    }
  }

  @Test
  void shouldWriteNothingForATableWhoseRowsTheBatchOnlyDeletes() throws Exception {
    try (Connection connection = mysql.newDatabase().connect()) {
      Fixtures.execute(connection,
          "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(20) UNIQUE)");
      SourceConstraints constraints = SourceConstraints.load(connection);
      ChangeBatch batch = ChangeBatch.ofTransaction(constraints,
          List.of(change(ModType.DELETE, 1, "{}")), 1);

      assertTrue(new UniqueKeyRewrite(new BatchStatements(DIALECT, 100)).statements(connection,
          batch.tablesForUpserts().get(0), constraints.uniqueTableColumns("users").orElseThrow())
          .isEmpty());
    }
  }
}
