package dev.rr.launcher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.launcher.check.RandomSchema;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The suite's differential-checker seeds cover every schema feature, and can be dealt every fault. */
class DiffSeedsTest {
  private static List<Long> suiteSeeds() {
    return LongStream.concat(Arrays.stream(DiffCheckIT.CI_SEEDS.split(",")).mapToLong(Long::parseLong),
        LongStream.of(DiffCheckIT.CONTROL_SEED)).boxed().toList();
  }

  @Test
  void shouldCoverEverySchemaFeatureWithTheSuiteSeeds() {
    Set<RandomSchema.Feature> covered = EnumSet.noneOf(RandomSchema.Feature.class);
    suiteSeeds().forEach(seed -> covered.addAll(RandomSchema.generate(seed).features()));

    assertEquals(EnumSet.allOf(RandomSchema.Feature.class), covered);
  }

  /** Every CI seed runs with every fault, a rejected value included: it needs a column to plant it in. */
  @Test
  void shouldGiveEveryCiSeedAColumnMySqlRejectsALongerValueIn() {
    for (String seed : DiffCheckIT.CI_SEEDS.split(",")) {
      assertEquals(FaultyEmulator.ENVIRONMENT_FAULTS + DiffFaults.Fault.values().length,
          FaultyEmulator.expectedFaults(Long.parseLong(seed), SourceType.MYSQL),
          RandomSchema.generate(Long.parseLong(seed)).describe());
    }
  }

  /**
   * The PostgreSQL seed has every schema feature PostgreSQL keeps apart (a case-insensitive key is
   * plain there), and a column where PostgreSQL rejects a longer value (not {@code bytea}).
   */
  @Test
  void shouldGiveThePostgresSeedEveryFeatureAndARejectableColumn() {
    RandomSchema schema = RandomSchema.generate(PostgresDiffCheckIT.SEED);
    Set<RandomSchema.Feature> wanted = EnumSet.allOf(RandomSchema.Feature.class);
    wanted.remove(RandomSchema.Feature.CASE_INSENSITIVE_KEY);

    assertEquals(true, schema.features().containsAll(wanted), schema.describe());
    assertEquals(FaultyEmulator.ENVIRONMENT_FAULTS + DiffFaults.Fault.values().length,
        FaultyEmulator.expectedFaults(PostgresDiffCheckIT.SEED, SourceType.POSTGRESQL), schema.describe());
  }

  @Test
  void shouldDoEveryFaultOnceWithARejectedValueLast() {
    for (long seed = 1; seed <= 200; seed++) {
      List<DiffFaults.Fault> plan = DiffFaults.plan(seed);

      assertEquals(EnumSet.allOf(DiffFaults.Fault.class), EnumSet.copyOf(plan), "seed " + seed + ": " + plan);
      assertEquals(DiffFaults.Fault.values().length, plan.size(), "seed " + seed + ": " + plan);
      assertEquals(DiffFaults.Fault.REJECTED_VALUE, plan.get(plan.size() - 1), "seed " + seed + ": " + plan);
    }
  }
}
