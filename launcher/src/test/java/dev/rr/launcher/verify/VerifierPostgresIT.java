package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.input.SessionFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.launcher.workload.SampleSchema;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code rr verify} against a PostgreSQL-dialect Spanner database. */
class VerifierPostgresIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  @Test
  void shouldCompareAPostgresDialectDatabaseChunkByChunkAndFindAPlantedDifference()
      throws Exception {
    SpannerTestDatabase spanner = SPANNER.newPostgresDatabase(
        "CREATE TABLE accounts (account_id bigint NOT NULL PRIMARY KEY, balance bigint NOT NULL,"
            + " note character varying, migration_shard_id character varying(50))");
    List<Mutation> rows = new ArrayList<>();
    for (long id = 1; id <= 5; id++) {
      rows.add(Mutation.newInsertBuilder("accounts").set("account_id").to(id)
          .set("balance").to(id * 10).set("note").to("n" + id)
          .set(SampleSchema.SHARD_ID_COLUMN).to(id % 2 == 0 ? "s2" : "s1").build());
    }
    spanner.write(rows.toArray(Mutation[]::new));
    List<ShardDatabase> shards = new ArrayList<>();
    for (String shard : List.of("s1", "s2")) {
      MySqlTestDatabase database = MYSQL.newDatabase();
      try (Connection connection = database.connect();
          Statement statement = connection.createStatement()) {
        for (String ddl : SampleSchema.mysqlDdl()) {
          statement.execute(ddl);
        }
        for (long id = 1; id <= 5; id++) {
          if ((id % 2 == 0 ? "s2" : "s1").equals(shard)) {
            // Account 3 is planted with another balance.
            statement.executeUpdate("INSERT INTO accounts (account_id, balance, note) VALUES ("
                + id + ", " + (id == 3 ? 31 : id * 10) + ", 'n" + id + "')");
          }
        }
      }
      shards.add(new ShardDatabase(shard, database::connect));
    }
    SchemaMapping mapping = SessionFile.parse("session.json", SampleSchema.sessionJson());

    VerifyReport report = new Verifier(spanner.client(), mapping, RowRouter.byShardIdColumn(),
        shards, new VerifyConfig(Timestamp.now(), List.of("accounts"), 2, 10, ZoneOffset.UTC))
        .verify(line -> { });

    assertEquals(5, report.spannerRows());
    assertEquals(1, report.different());
    assertEquals(0, report.missing() + report.extra());
    TableReport s1 = VerifierIT.find(report, "accounts", "s1");
    assertTrue(s1.examples().stream().anyMatch(e -> e.startsWith("different (3) balance")),
        s1.examples().toString());
  }
}
