package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BatchWriter} on a real server: batches of several Spanner transactions on a
 * self-referencing table, and the session's foreign-key setting around a batch.
 */
class BatchWriterIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  private static final MySqlDialect DIALECT = new MySqlDialect();
  private static final TableMapping NODES = new TableMapping("nodes", "nodes", List.of(
      new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("bigint")),
      new ColumnMapping("parent_id", SpannerType.of("INT64"), "parent_id",
          SourceType.of("bigint")),
      new ColumnMapping("v", SpannerType.of("STRING"), "v", SourceType.of("varchar", 3L))),
      List.of("id"), null);
  private static final String SCHEMA =
      "CREATE TABLE nodes (id BIGINT NOT NULL PRIMARY KEY, parent_id BIGINT, v VARCHAR(3),"
          + " FOREIGN KEY (parent_id) REFERENCES nodes (id));"
          + "INSERT INTO nodes VALUES (1, NULL, 'p'), (2, 1, 'c'), (3, NULL, 'x')";

  private final BatchWriter writer = new BatchWriter(
      new BatchStatements(DIALECT, 100), new BatchStatements(DIALECT, 1));

  private static RowChange change(ModType type, String keys, String values) {
    ChangeRecord record = ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1000, 0)).serverTransactionId("tx")
        .tableName("nodes").modType(type).keysJson(keys).newValuesJson(values).build();
    return RowChange.of(DIALECT.map(record, NODES), record);
  }

  private static Connection open(MySqlTestDatabase database) throws Exception {
    Connection connection = database.connect();
    Fixtures.execute(connection, SCHEMA);
    connection.setAutoCommit(false);
    return connection;
  }

  @Test
  void shouldDeleteAChildAndThenItsParentFromTwoTransactionsOfOneBatch() throws Exception {
    try (Connection connection = open(mysql.newDatabase())) {
      SourceConstraints constraints = SourceConstraints.load(connection);
      ChangeBatch batch = ChangeBatch.ofTransaction(constraints,
          List.of(change(ModType.DELETE, "{\"id\":\"2\"}", "{}")), 1);
      batch.add(ChangeBatch.ofTransaction(constraints,
          List.of(change(ModType.DELETE, "{\"id\":\"1\"}", "{}")), 1));

      writer.write(connection, batch, false, "");
      connection.commit();

      assertEquals(1, Fixtures.count(connection, "SELECT COUNT(*) FROM nodes"));
    }
  }

  @Test
  void shouldSwitchForeignKeyChecksBackOnWhenABatchFails() throws Exception {
    try (Connection connection = open(mysql.newDatabase())) {
      SourceConstraints constraints = SourceConstraints.load(connection);
      // A delete and re-insert of one row, with a value too long for its column.
      ChangeBatch batch = ChangeBatch.ofTransaction(constraints, List.of(
          change(ModType.DELETE, "{\"id\":\"3\"}", "{}"),
          change(ModType.INSERT, "{\"id\":\"3\"}", "{\"parent_id\":null,\"v\":\"too long\"}")),
          2);

      assertThrows(ApplyException.class, () -> writer.write(connection, batch, false, ""));
      connection.rollback();

      assertEquals(1, Fixtures.count(connection, "SELECT @@foreign_key_checks"));
    }
  }
}
