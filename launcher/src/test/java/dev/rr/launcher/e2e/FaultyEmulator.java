package dev.rr.launcher.e2e;

import com.google.cloud.spanner.AbortedException;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.TransactionManager;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.local.SpannerEmulator;
import dev.rr.launcher.check.RandomSchema;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A differential-checker seed with every fault at once, on an emulator of its own that aborts
 * commits at random (every transaction of the run, the generator's, the reader's metadata and the
 * connector's, is retried) and whose change-stream partitions hand over every few seconds, with
 * one orphaned (Beam issue 40232: its children removed before they are read) while the seed
 * writes; then every {@link DiffFaults.Fault}.
 */
final class FaultyEmulator {
  /** Emulator flags: change-stream partitions hand over every 2-4 s instead of 20-40 s. */
  static final List<String> CHURNING_PARTITIONS = List.of(
      "--override_change_stream_partition_token_alive_seconds=2",
      "--change_stream_churning_interval=2s",
      "--change_stream_churn_thread_sleep_interval=1s");
  /** Emulator flags: commits aborted at random, and partitions churning. */
  static final List<String> EVERY_FAULT = everyFaultFlags();
  /** The emulator's faults done to a run: the abort probe and the orphaned partition. */
  static final int ENVIRONMENT_FAULTS = 2;
  private static final int WANTED_ABORTS = 3;
  private static final int MAX_PROBES = 1000;

  private FaultyEmulator() {}

  /**
   * Every fault, the emulator's first, then the others in seed {@code seed}'s order ({@link
   * DiffFaults#plan}); {@code aborted[0]} receives the probe's aborted commits.
   */
  static DiffRun.Plan everyFault(long seed, int[] aborted) {
    return new DiffRun.Plan(DiffFaults.plan(seed), fixture -> {
      aborted[0] = abortedCommits(fixture);
      PartitionFaults.orphanBeforeItsChildrenAreRead(fixture, ProgressWait.PATIENCE);
      return ENVIRONMENT_FAULTS;
    }, false);
  }

  /**
   * The faults {@link #everyFault} does to seed {@code seed} on shards of {@code type}: all, but a
   * rejected value only where the seed's schema has a column such a shard rejects it in.
   */
  static int expectedFaults(long seed, SourceType type) {
    boolean rejectable = RandomSchema.generate(seed).tables().stream()
        .flatMap(table -> table.columns(RandomSchema.Role.VALUE).stream())
        .anyMatch(column -> column.kind().rejectsOverflow(type));
    return ENVIRONMENT_FAULTS + DiffFaults.Fault.values().length - (rejectable ? 0 : 1);
  }

  /**
   * Proves the emulator aborts commits while the seed writes: blind writes to a probe database of
   * the same emulator, one commit at a time, until {@value #WANTED_ABORTS} are aborted or {@value
   * #MAX_PROBES} committed. Returns the aborted count.
   */
  static int abortedCommits(ReplicationFixture fixture) {
    DatabaseClient probe = fixture.env.client(fixture.env.createDatabase(
        List.of("CREATE TABLE abort_probe (id INT64 NOT NULL) PRIMARY KEY (id)")));
    int committed = 0;
    int aborted = 0;
    while (aborted < WANTED_ABORTS && committed < MAX_PROBES) {
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

  /**
   * Runs seed {@code seed} on {@code shardServers} as {@code plan} says, on an emulator of its own
   * started with {@link #EVERY_FAULT} (with {@code spanner}'s project and instance); prints its line.
   */
  static DiffRun.Result run(SpannerEmulatorExtension spanner, ShardServers shardServers, Path work,
      long seed, DiffRun.Plan plan) throws Exception {
    try (SpannerEmulator emulator = SpannerEmulator.start(EVERY_FAULT);
        Spanner client = SpannerEmulator.connect(emulator.hostPort(), spanner.projectId())) {
      SpannerEmulator.createInstance(client, spanner.projectId(), spanner.instanceId());
      SpannerEnv env = SpannerEnv.own(emulator.hostPort(), client, spanner.projectId(), spanner.instanceId());
      DiffRun.Result result = DiffRun.run(env, shardServers, work, seed, DiffCheckIT.WRITE_TIME, plan);
      System.out.println(result.line());
      return result;
    }
  }

  private static List<String> everyFaultFlags() {
    List<String> flags = new ArrayList<>(List.of("--enable_fault_injection",
        "--abort_current_transaction_probability=100"));
    flags.addAll(CHURNING_PARTITIONS);
    return List.copyOf(flags);
  }
}
