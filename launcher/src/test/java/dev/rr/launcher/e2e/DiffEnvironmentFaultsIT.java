package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.AbortedException;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.TransactionManager;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.testing.MySqlExtension;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential checker's faults that need an emulator of their own: one that aborts commits at
 * random (every transaction of the run, the generator's, the reader's metadata and the
 * connector's, is retried), and one whose change-stream partitions hand over every few seconds,
 * with a partition orphaned (Beam issue 40232: its children removed before they are read) while the
 * seed writes. Each is one seed of random schema and transactions, sampled with the
 * consistent-prefix oracle as in {@link DiffCheckIT}, the seed's own faults included.
 */
class DiffEnvironmentFaultsIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final MySqlExtension MYSQL = new MySqlExtension();
  /** The seed run on an emulator that aborts commits. */
  static final long ABORTING_SEED = Long.getLong("diff.abortingSeed", 61);
  /** The seed run with an orphaned change-stream partition. */
  static final long ORPHAN_SEED = Long.getLong("diff.orphanSeed", 62);

  @TempDir Path work;

  @Test
  void shouldShowOnlyStatesSpannerHadThroughAnEmulatorThatAbortsCommits() throws Exception {
    int[] aborted = new int[1];
    DiffRun.Result result = onOwnEmulator(List.of("--enable_fault_injection",
        "--abort_current_transaction_probability=100"), ABORTING_SEED, fixture -> {
          aborted[0] = abortedCommits(fixture);
          return 1;
        });

    assertTrue(aborted[0] > 0, "the emulator aborted no commit of the probe");
    assertTrue(result.passed(), result.line() + " " + result.detail());
  }

  @Test
  void shouldShowOnlyStatesSpannerHadWhenAPartitionIsOrphaned() throws Exception {
    DiffRun.Result result = onOwnEmulator(E2EFaultsIT.CHURNING_PARTITIONS, ORPHAN_SEED, fixture -> {
      PartitionFaults.orphanBeforeItsChildrenAreRead(fixture, E2EFaultsIT.PATIENCE);
      return 1;
    });

    assertTrue(result.passed(), result.line() + " " + result.detail());
  }

  /**
   * Proves the emulator aborts commits while the seed writes: blind writes to a probe database of
   * the same emulator, one commit at a time, until {@value E2EFaultsIT#WANTED_ABORTS} are aborted
   * or {@value E2EFaultsIT#MAX_PROBES} committed. Returns the aborted count.
   */
  static int abortedCommits(ReplicationFixture fixture) {
    DatabaseClient probe = fixture.env.client(fixture.env.createDatabase(
        List.of("CREATE TABLE abort_probe (id INT64 NOT NULL) PRIMARY KEY (id)")));
    int committed = 0;
    int aborted = 0;
    while (aborted < E2EFaultsIT.WANTED_ABORTS && committed < E2EFaultsIT.MAX_PROBES) {
      try (TransactionManager manager = probe.transactionManager()) {
        manager.begin().buffer(Mutation.newInsertOrUpdateBuilder("abort_probe").set("id").to(committed).build());
        manager.commit();
        committed++;
      } catch (AbortedException e) {
        aborted++;
      }
    }
    fixture.log("fault: the emulator aborted %d of %d probe commits", aborted, committed + aborted);
    return aborted;
  }

  private DiffRun.Result onOwnEmulator(List<String> flags, long seed, DiffRun.EnvironmentFault fault)
      throws Exception {
    return onOwnEmulator(SPANNER, flags, new MySqlShardServers(MYSQL.servers(3)), work, seed,
        DiffRun.Plan.of(seed).withEnvironment(fault));
  }

  /**
   * Runs seed {@code seed} on {@code shardServers} as {@code plan} says, on an emulator of its own
   * started with {@code flags} (with {@code spanner}'s project and instance); prints its line.
   */
  static DiffRun.Result onOwnEmulator(SpannerEmulatorExtension spanner, List<String> flags,
      ShardServers shardServers, Path work, long seed, DiffRun.Plan plan) throws Exception {
    try (SpannerEmulator emulator = SpannerEmulator.start(flags);
        Spanner client = SpannerEmulator.connect(emulator.hostPort(), spanner.projectId())) {
      SpannerEmulator.createInstance(client, spanner.projectId(), spanner.instanceId());
      SpannerEnv env = SpannerEnv.own(emulator.hostPort(), client, spanner.projectId(), spanner.instanceId());
      DiffRun.Result result = DiffRun.run(env, shardServers, work, seed, DiffCheckIT.WRITE_TIME, plan);
      System.out.println(result.line());
      return result;
    }
  }
}
