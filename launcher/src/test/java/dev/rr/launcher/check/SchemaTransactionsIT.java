package dev.rr.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.KeySet;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Type;
import dev.rr.common.spanner.SpannerRetry;
import dev.rr.launcher.check.RandomSchema.Table;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random schemas are accepted by the emulator and by MySQL (MariaDB) as generated, and the
 * generator's transactions all commit (foreign keys, unique indexes, interleaving) and leave
 * exactly the rows its model holds, each on its shard - also where Spanner deleted rows by a
 * self-referencing foreign key's cascade (seeds 1, 7, 8, 16 and 60 have one).
 */
class SchemaTransactionsIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();
  private static final List<String> SHARDS = List.of("shard1", "shard2", "shard3");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 16, 21, 23, 60})
  void shouldCommitEveryTransactionAndLeaveTheModelsRows(long seed) throws Exception {
    RandomSchema schema = RandomSchema.generate(seed);
    DatabaseClient client = SPANNER.newDatabase(SchemaDdl.spanner(schema)).client();
    MySqlTestDatabase mysql = MYSQL.newDatabase();
    try (Connection connection = mysql.connect(); Statement statement = connection.createStatement()) {
      for (String ddl : SchemaDdl.mysql(schema)) {
        statement.execute(ddl);
      }
    }
    SchemaTransactions generator = new SchemaTransactions(client, schema, SHARDS,
        SpannerRetry.forEmulator(), GeneratorConfig.forEmulator(seed).withShardMoves(true));

    generator.runTransactions(150);
    java.util.Optional<SchemaTransactions.Planted> planted = generator.plantRejectedValue("shard2");

    for (Table table : schema.tables()) {
      assertEquals(expected(generator.model(), table), actual(client, table), schema.describe());
    }
    assertEquals(hasLongColumn(schema), planted.isPresent(), schema.describe());
    if (planted.isPresent()) {
      com.google.cloud.spanner.Struct row = client.singleUse().readRow(planted.get().table().spanner(),
          com.google.cloud.spanner.Key.of(planted.get().key().toArray()), List.of(planted.get().column().spanner()));
      int length = planted.get().column().kind() == RandomSchema.Kind.TEXT ? row.getString(0).length()
          : row.getBytes(0).length();
      assertTrue(length > RandomSchema.TEXT_LENGTH, planted.get() + ": " + length);
    }
  }

  private static boolean hasLongColumn(RandomSchema schema) {
    return schema.tables().stream().anyMatch(t -> t.columns(RandomSchema.Role.VALUE).stream()
        .anyMatch(c -> c.kind() == RandomSchema.Kind.TEXT || c.kind() == RandomSchema.Kind.BYTES));
  }

  private static Map<String, String> expected(SchemaRows model, Table table) {
    Map<String, String> rows = new TreeMap<>();
    model.rows(table.spanner()).forEach((key, row) -> rows.put(key.toString(), row.shard));
    return rows;
  }

  private static Map<String, String> actual(DatabaseClient client, Table table) {
    List<String> columns = new ArrayList<>(table.key());
    if (!table.shardInKey()) {
      columns.add(RandomSchema.SHARD_COLUMN);
    }
    Map<String, String> rows = new TreeMap<>();
    try (ResultSet result = client.singleUse().read(table.spanner(), KeySet.all(), columns)) {
      while (result.next()) {
        List<Object> key = new ArrayList<>();
        for (String column : table.key()) {
          key.add(result.getColumnType(column).equals(Type.int64()) ? (Object) result.getLong(column)
              : result.getString(column));
        }
        rows.put(key.toString(), result.getString(RandomSchema.SHARD_COLUMN));
      }
    }
    return rows;
  }
}
