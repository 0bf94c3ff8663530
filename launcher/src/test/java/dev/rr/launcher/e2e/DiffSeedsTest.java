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

/** The suite's differential-checker seeds cover every schema feature and every fault kind. */
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

  @Test
  void shouldCoverEveryFaultWithTheSuiteSeeds() {
    Set<DiffFaults.Fault> covered = EnumSet.noneOf(DiffFaults.Fault.class);
    suiteSeeds().forEach(seed -> covered.addAll(DiffFaults.plan(seed)));

    assertEquals(EnumSet.allOf(DiffFaults.Fault.class), covered);
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
    assertEquals(true, schema.tables().stream().flatMap(t -> t.columns(RandomSchema.Role.VALUE).stream())
        .anyMatch(c -> c.kind().rejectsOverflow(SourceType.POSTGRESQL)), schema.describe());
  }

  @Test
  void shouldDoARejectedValueLast() {
    for (long seed = 1; seed <= 200; seed++) {
      List<DiffFaults.Fault> plan = DiffFaults.plan(seed);
      int at = plan.indexOf(DiffFaults.Fault.REJECTED_VALUE);

      assertEquals(true, at < 0 || at == plan.size() - 1, "seed " + seed + ": " + plan);
    }
  }
}
