package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.testing.PostgresExtension;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential checker on three private PostgreSQL shards: one seed of random schema and
 * transactions with every fault the MySQL checker has ({@link DiffCheckIT}, {@link
 * DiffEnvironmentFaultsIT}) in one run, sampled continuously with the consistent-prefix oracle
 * (a {@code REPEATABLE READ} snapshot per shard) and verified after the cutover. {@code
 * -Ddiff.postgresSeed=N} reruns it with another seed.
 */
class PostgresDiffCheckIT {
  @RegisterExtension static final SpannerEmulatorExtension SPANNER = new SpannerEmulatorExtension();
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
  /**
   * Every schema feature but the case-insensitive key (plain on PostgreSQL): composite and string
   * keys, interleaved children with ON DELETE CASCADE, a foreign key and a cascading
   * self-reference (the writer keeps them from acting), unique indexes, shard moves, and a string
   * value column for the rejected value.
   */
  static final long SEED = Long.getLong("diff.postgresSeed", 7);
  /**
   * The emulator's faults at once: commits aborted at random, and change-stream partitions
   * handing over every few seconds (so that one can be orphaned).
   */
  private static final List<String> EMULATOR_FAULTS = emulatorFaults();

  @TempDir Path work;

  @Test
  void shouldShowOnlyStatesSpannerHadOnPostgresShardsThroughEveryFault() throws Exception {
    int[] aborted = new int[1];
    DiffRun.Plan plan = new DiffRun.Plan(List.of(DiffFaults.Fault.values()), fixture -> {
      aborted[0] = DiffEnvironmentFaultsIT.abortedCommits(fixture);
      PartitionFaults.orphanBeforeItsChildrenAreRead(fixture, E2EFaultsIT.PATIENCE);
      return 2;
    }, false);
    System.out.println("PostgreSQL differential seed " + SEED + " (rerun alone: -Dit.test="
        + PostgresDiffCheckIT.class.getSimpleName() + " -Ddiff.postgresSeed=" + SEED + ")");
    long started = System.nanoTime();

    DiffRun.Result result = DiffEnvironmentFaultsIT.onOwnEmulator(SPANNER, EMULATOR_FAULTS,
        new PostgresShardServers(POSTGRES), work, SEED, plan);

    System.out.printf("PostgreSQL differential seed %d: %s in %.0f s%n", SEED, result.line(),
        (System.nanoTime() - started) / 1e9);
    assertTrue(aborted[0] > 0, "the emulator aborted no commit of the probe");
    assertEquals(2 + DiffFaults.Fault.values().length, result.faults(), "faults done: " + result.line());
    assertTrue(result.passed(), result.line() + " " + result.detail());
  }

  private static List<String> emulatorFaults() {
    List<String> flags = new ArrayList<>(List.of("--enable_fault_injection",
        "--abort_current_transaction_probability=100"));
    flags.addAll(E2EFaultsIT.CHURNING_PARTITIONS);
    return List.copyOf(flags);
  }
}
