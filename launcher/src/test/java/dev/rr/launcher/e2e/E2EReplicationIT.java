package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.ReaderRunMode;
import dev.rr.common.config.WriterRunMode;
import dev.rr.common.input.Shard;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.launcher.verify.VerifyReport;
import dev.rr.launcher.workload.WorkloadConfig;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.MySqlTestDatabase;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication without faults: exact equality after a randomized workload and cutover, and the
 * transaction-consistency invariant while replication runs, with a naive control that must break it.
 */
@ExtendWith(E2EReport.class)
class E2EReplicationIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();

  @TempDir Path work;

  static SpannerEnv env() {
    return SpannerEnv.shared(SPANNER);
  }

  @Test
  void shouldEndExactlyEqualAfterWorkloadAndCutoverAndNoticePlantedDifferences() throws Exception {
    long[] planted = new long[3];
    VerifyReport[] afterPlanting = new VerifyReport[1];
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    ScenarioResult result = E2EReport.run("exact-equality", () -> {
      try (ReplicationFixture fixture = ReplicationFixture.create(env(), "equal", MYSQL.servers(3), work)) {
        fixture.preLaunchChecks();
        fixture.startReader(ReaderRunMode.REGULAR);
        fixture.startWriter(WriterRunMode.REGULAR);
        run[0] = ReplicationRun.run(fixture, ReplicationRun.workload(7, 8, 15), ReplicationRun.During.NOTHING);
        fixture.stopWriters();
        // The comparison must bite: plant one missing row, one extra row and changed values.
        plantDifferences(fixture.shardDatabases.get(0), planted);
        afterPlanting[0] = fixture.verify(run[0].at());
      }
      return ScenarioResult.of("exact-equality", run[0].report(), run[0].balances().violations(),
          run[0].cutoverDone() && afterPlanting[0].missing() == planted[0]
              && afterPlanting[0].extra() == planted[1] && afterPlanting[0].different() == planted[2]);
    });

    assertTrue(run[0].cutoverDone(), run[0].describe());
    assertTrue(run[0].report().equal(), run[0].describe());
    assertTrue(run[0].report().spannerRows() > 50, run[0].describe());
    assertEquals(List.of(planted[0], planted[1], planted[2]), List.of(afterPlanting[0].missing(),
        afterPlanting[0].extra(), afterPlanting[0].different()), "planted missing, extra, different");
    assertTrue(result.passed(), result.line());
  }

  @Test
  void shouldNeverShowAHalfAppliedTransferWhileTheNaiveControlDoes() throws Exception {
    ReplicationRun.Outcome[] run = new ReplicationRun.Outcome[1];
    long[] control = new long[2];
    VerifyReport[] controlReport = new VerifyReport[1];
    ReplicationFixture[] kept = new ReplicationFixture[1];
    WorkloadConfig transfers = ReplicationRun.workload(8, 10, 20).withTransferPercent(80);
    ScenarioResult result = E2EReport.run("consistency-invariant", () -> {
      ReplicationFixture fixture = ReplicationFixture.create(env(), "consist", MYSQL.servers(3), work);
      kept[0] = fixture;
      try (fixture) {
        fixture.preLaunchChecks();
        fixture.startReader(ReaderRunMode.REGULAR);
        fixture.startWriter(WriterRunMode.REGULAR);
        run[0] = ReplicationRun.run(fixture, transfers, ReplicationRun.During.NOTHING);
      }
      return ScenarioResult.of("consistency-invariant", run[0].report(), run[0].balances().violations(),
          run[0].cutoverDone() && run[0].balances().samples() > 100
              && run[0].workload().transfers() > 50);
    });
    ScenarioResult controlResult = E2EReport.run("consistency-control", () -> {
      ReplicationFixture fixture = kept[0];
      List<Shard> controlShards = controlShards(fixture);
      NaiveApplier naive = new NaiveApplier(fixture.mapping(), new MySqlDialect(ZoneOffset.UTC));
      try (BalanceSampler sampler = new BalanceSampler(controlShards, transfers.accountsPerShard(),
          transfers.balancePerShard())) {
        for (int i = 0; i < controlShards.size(); i++) {
          int index = i;
          Shard shard = controlShards.get(i);
          try (Connection connection = java.sql.DriverManager.getConnection(shard.jdbcUrl(),
              shard.jdbcProperties())) {
            control[0] += naive.apply(fixture.buffer.toString(), shard.logicalShardId(), connection,
                () -> sampler.sampleNow(index));
          }
        }
        control[1] = sampler.stats().violations();
      }
      // Applied to the end, even the naive path reaches the right final state.
      controlReport[0] = fixture.verify(run[0].at(), controlShards);
      return new ScenarioResult("consistency-control", controlReport[0].spannerRows(),
          controlReport[0].missing() + controlReport[0].different(), controlReport[0].extra(),
          control[1], true, control[1] > 0 && controlReport[0].equal());
    });

    assertTrue(run[0].cutoverDone(), run[0].describe());
    assertTrue(run[0].report().equal(), run[0].describe());
    assertEquals(0, run[0].balances().violations(), run[0].describe());
    assertTrue(run[0].balances().samples() > 100, run[0].describe());
    assertTrue(control[1] > 0, "the naive control applied " + control[0]
        + " statements and no sample caught a half-applied transfer: the sampler cannot bite");
    assertTrue(controlReport[0].equal(), "naive control's final state");
    assertTrue(result.passed(), result.line());
    assertTrue(controlResult.passed(), controlResult.line());
  }

  /** Fresh databases with the sample schema on the same three servers, as a second set of shards. */
  private static List<Shard> controlShards(ReplicationFixture fixture) throws Exception {
    List<Shard> shards = new ArrayList<>();
    for (int i = 0; i < ReplicationFixture.SHARD_IDS.size(); i++) {
      MySqlTestDatabase database = ReplicationFixture.createShardDatabase(fixture.servers.get(i));
      shards.add(new Shard(ReplicationFixture.SHARD_IDS.get(i), database.host(), database.port(),
          database.user(), database.password(), database.name(), Map.of()));
    }
    return shards;
  }

  /** Plants differences in {@code shard}; counts them as {missing, extra, different}. */
  private static void plantDifferences(MySqlTestDatabase shard, long[] planted) throws Exception {
    try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
      planted[0] = statement.executeUpdate("DELETE FROM accounts ORDER BY account_id LIMIT 1");
      planted[1] = statement.executeUpdate("INSERT INTO parent2 (id) VALUES (987654321)");
      planted[2] = statement.executeUpdate(
          "UPDATE accounts SET balance = balance + 1 ORDER BY account_id DESC LIMIT 1");
      // A microsecond is a difference too.
      planted[2] += statement.executeUpdate(
          "UPDATE parent1 SET update_ts = update_ts + INTERVAL 1 MICROSECOND ORDER BY id LIMIT 1");
    }
  }
}
