package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.testing.PostgresExtension;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential checker on three private PostgreSQL shards: one seed of random schema and
 * transactions with every fault the MySQL checker has ({@link DiffCheckIT}, {@link FaultyEmulator})
 * in one run, sampled continuously with the consistent-prefix oracle (a {@code REPEATABLE READ}
 * snapshot per shard) and verified after the cutover. {@code -Ddiff.postgresSeed=N} reruns it with
 * another seed.
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

  @TempDir Path work;

  @Test
  void shouldShowOnlyStatesSpannerHadOnPostgresShardsThroughEveryFault() throws Exception {
    int[] aborted = new int[1];
    System.out.println("PostgreSQL differential seed " + SEED + " (rerun alone: -Dit.test="
        + PostgresDiffCheckIT.class.getSimpleName() + " -Ddiff.postgresSeed=" + SEED + ")");
    long started = System.nanoTime();

    DiffRun.Result result = FaultyEmulator.run(SPANNER, new PostgresShardServers(POSTGRES), work,
        SEED, FaultyEmulator.everyFault(SEED, aborted));

    System.out.printf("PostgreSQL differential seed %d: %s in %.0f s%n", SEED, result.line(),
        (System.nanoTime() - started) / 1e9);
    assertTrue(aborted[0] > 0, "the emulator aborted no commit of the probe");
    assertEquals(FaultyEmulator.expectedFaults(SEED, SourceType.POSTGRESQL), result.faults(), "faults done: " + result.line());
    assertTrue(result.passed(), result.line() + " " + result.detail());
  }
}
