package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.Shard;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.PostgresTestDatabase;
import java.util.List;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The state check that every benchmark run ends with, against a real MariaDB and PostgreSQL. */
class StateVerifierIT {
  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();
  @RegisterExtension static PostgresExtension postgres = new PostgresExtension();
  @TempDir Path dir;

  @Test
  void shouldAcceptTheLoadedFinalRowsAndReportEachKindOfDifference() throws Exception {
    MySqlTestDatabase db = mysql.newDatabase();
    BenchServer server = new BenchServer(db.host(), db.port(), db.user(), db.password());
    assertVerifiesLoadedRowsAndFindsPlantedDifferences(server, db.name(), List.of(
        "UPDATE orders SET status = 'tampered' ORDER BY id LIMIT 1",
        "DELETE FROM customers ORDER BY id LIMIT 1",
        "INSERT INTO order_events (order_id, seq, kind, payload, happened_at)"
            + " VALUES (1, 999999999, 'x', 'y', '2024-01-01 00:00:00')"));
  }

  @Test
  void shouldAcceptTheLoadedFinalRowsAndReportEachKindOfDifferenceOnPostgres() throws Exception {
    PostgresTestDatabase db = postgres.newDatabase();
    BenchServer server = new BenchServer(SourceType.POSTGRESQL, db.host(), db.port(), db.user(),
        db.password());
    assertVerifiesLoadedRowsAndFindsPlantedDifferences(server, db.name() + "_bench", List.of(
        "UPDATE orders SET status = 'tampered' WHERE id = (SELECT min(id) FROM orders)",
        "DELETE FROM customers WHERE id = (SELECT min(id) FROM customers)",
        "INSERT INTO order_events (order_id, seq, kind, payload, happened_at)"
            + " VALUES (1, 999999999, 'x', 'y', '2024-01-01 00:00:00')"));
  }

  private void assertVerifiesLoadedRowsAndFindsPlantedDifferences(
      BenchServer server, String database, List<String> tampering) throws Exception {
    GeneratedWorkload workload = WorkloadGenerator.generate(WorkloadSpec.of(2_000, 1), dir);
    Shard shard = server.freshShard("shard00", database);
    Measurement ceiling = CeilingLoad.run(workload, shard, workload.bufferBytes());

    Verification clean = StateVerifier.verify(shard, workload.expected());
    assertTrue(clean.ok(), clean.describe());
    assertEquals(workload.expected().rowCount(), clean.actualRows());
    assertEquals(ceiling.rows(), clean.actualRows());

    try (Connection connection = BenchServer.connect(shard);
        Statement statement = connection.createStatement()) {
      for (String sql : tampering) {
        assertEquals(1, statement.executeUpdate(sql), sql);
      }
    }
    Verification planted = StateVerifier.verify(shard, workload.expected());

    assertFalse(planted.ok());
    assertEquals(1, planted.different(), planted.describe());
    assertEquals(1, planted.missing(), planted.describe());
    assertEquals(1, planted.extra(), planted.describe());
    assertEquals(3, planted.examples().size(), planted.describe());
  }
}
